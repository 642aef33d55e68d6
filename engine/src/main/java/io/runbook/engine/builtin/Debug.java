package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Expressions;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.Templar;

/** {@code debug}: prints a message or a variable's value; never changes anything. */
public final class Debug implements Module {
    @Override
    public String name() {
        return "debug";
    }

    @Override
    public String description() {
        return "Print a message (msg) or the value of a variable or expression (var).";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.raw("msg").description("the message; a mapping or list is printed as such"))
                .arg(Arg.str("var").description("a variable name or expression whose value is printed"))
                .arg(Arg.of("verbosity", ArgType.INT).defaultValue(0).description("print only at this -v level or above;"
                        + " below it the task is skipped, as Ansible's"))
                .mutuallyExclusive("msg", "var")
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        Object level = ctx.vars().get("ansible_verbosity");
        if (ctx.args().integer("verbosity") > (level instanceof Number n ? n.intValue() : 0)) {
            // as Ansible's debug action: the reason under skipped_reason, no msg
            return Result.skipped(null).with("skipped_reason", "Verbosity threshold not met.");
        }
        if (ctx.args().has("var")) {
            String expr = ctx.args().string("var");
            if (ctx.args().isUnsafe("var")) {
                // as Ansible's: unsafe text is never templated, so the expression it names is shown as written
                return Result.ok().with(expr, "{{" + expr + "}}");
            }
            Object value;
            try {
                value = ((Expressions) ctx).evaluate(expr, ctx.args().position("var"));
                String template = Templar.isTemplate(expr) ? expr : "{{" + expr + "}}";
                if (value == null && !Templar.keepsNull(template, ctx.vars())) {
                    value = "";  // as Ansible's debug, which renders "{{var}}": None is nothing unless var names a None
                }
            } catch (io.runbook.engine.vars.UndefinedVariableError e) {
                // as Ansible's debug prints an undefined variable, instead of failing the task
                value = "VARIABLE IS NOT DEFINED!";
            }
            return Result.ok().with(expr, value);
        }
        // as Ansible's: a msg that came out null is printed as null; only a task without msg says hello
        Object msg = ctx.args().has("msg") ? ctx.args().raw("msg") : ctx.args().isWritten("msg") ? null : "Hello world!";
        return Result.ok().with("msg", msg);
    }
}
