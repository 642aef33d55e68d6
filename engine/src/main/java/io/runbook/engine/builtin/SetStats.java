package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code set_stats}: records custom statistics as Ansible's action does ({@code ansible_stats} in the result, for
 * AWX workflows and callbacks that read them), so playbooks that set them run unchanged. Ansible prints them only with
 * {@code show_custom_stats}, which is off by default; the engine does not print them.
 */
public final class SetStats implements Module {
    @Override
    public String name() {
        return "set_stats";
    }

    @Override
    public String description() {
        return "Record custom statistics (ansible_stats), as Ansible's set_stats; nothing is printed.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.dict("data").required().description("the statistics: names (letters, digits, '_') to values"))
                // read as Ansible's set_stats reads them, boolean(value, strict=False): what is not a true spelling is false
                .arg(Arg.raw("per_host").description("kept for each host rather than for the run (default false)"))
                .arg(Arg.raw("aggregate").description("added to earlier values rather than replacing them (default true)"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        Args args = ctx.args();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.map("data").entrySet()) {
            String name = e.getKey();
            if (!isIdentifier(name)) {
                // Ansible's words
                return Result.failed("The variable name '" + name + "' is not valid. Variables must start with a letter or"
                        + " underscore character, and contain only letters, numbers and underscores.");
            }
            data.put(name, e.getValue());
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("data", data);
        stats.put("per_host", args.raw("per_host") != null && ArgValidator.isTrue(args.raw("per_host")));
        stats.put("aggregate", args.raw("aggregate") == null || ArgValidator.isTrue(args.raw("aggregate")));
        return Result.ok().with("ansible_stats", stats);
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }
}
