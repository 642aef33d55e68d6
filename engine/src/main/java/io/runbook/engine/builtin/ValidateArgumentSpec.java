package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Expressions;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code validate_argument_spec}: checks variables against an argument spec, as Ansible's. The engine puts one such
 * task first in a role whose {@code meta/argument_specs.yml} describes the entry point being run (the task
 * {@code Validating arguments against arg spec 'main'}), as Ansible does; a playbook may also call it.
 */
public final class ValidateArgumentSpec implements Module {
    @Override
    public String name() {
        return "validate_argument_spec";
    }

    @Override
    public String description() {
        return "Check variables (and given values) against an argument spec: types, required, choices, suboptions.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.dict("argument_spec").required().description("option name → type, required, default, "
                        + "choices, elements, options, aliases (as the options of meta/argument_specs.yml)"))
                .arg(Arg.dict("provided_arguments").description("values to check besides the variables of the same "
                        + "names (they win over them)"))
                .arg(Arg.dict("validate_args_context").description("returned as is in the result, to say what was checked"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        Map<String, Object> spec = ctx.args().map("argument_spec");
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> vars = ctx.vars();
        for (String name : spec.keySet()) {
            if (vars.containsKey(name)) {
                values.put(name, ((Expressions) ctx).evaluate(name, ctx.args().position("argument_spec")));
            }
        }
        if (ctx.args().has("provided_arguments")) {
            values.putAll(ctx.args().map("provided_arguments"));
        }
        List<String> errors = ArgumentSpecCheck.errors(spec, values);
        Map<String, Object> context = ctx.args().has("validate_args_context")
                ? ctx.args().map("validate_args_context") : Map.of();
        if (!errors.isEmpty()) {
            return Result.failed("Validation of arguments failed:\n" + String.join("\n", errors))
                    .with("validate_args_context", context).with("argument_spec_data", spec)
                    .with("argument_errors", errors);
        }
        return Result.ok().withMsg("The arg spec validation passed").with("validate_args_context", context);
    }
}
