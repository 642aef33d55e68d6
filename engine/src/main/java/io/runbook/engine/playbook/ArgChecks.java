package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.yaml.YMap;
import java.util.Map;

/** The static checks of a task's written arguments: the engine's own actions here, modules against their spec. */
final class ArgChecks {
    private static final java.util.Set<String> INCLUDE_VARS_ARGS = java.util.Set.of("_raw_params", "file", "dir", "name",
            "files_matching", "ignore_files", "extensions", "depth", "hash_behaviour", "ignore_unknown_extensions");

    private ArgChecks() {
    }

    static void check(ModuleRegistry modules, String action, YMap.Entry entry, Map<String, Object> args,
                      Map<String, SourcePosition> argPos, SourcePosition taskPos, boolean handler, java.nio.file.Path baseDir) {
        if (action.equals("meta")) {
            Object what = args.getOrDefault("_raw_params", args.get("action"));
            boolean templated = what != null && String.valueOf(what).contains("{{");
            if (handler && "flush_handlers".equals(what)) {
                throw new UserError(entry.value().position(), "flush_handlers cannot be used as a handler");
            }
            if (what == null || !templated && !TaskParser.META_ACTIONS.contains(String.valueOf(what))) {
                throw new UserError(entry.value().position(), "meta takes one of "
                        + String.join(", ", TaskParser.META_ACTIONS.stream().sorted().toList()),
                        what == null ? null : Suggestions.didYouMean(String.valueOf(what), TaskParser.META_ACTIONS));
            }
            return;
        }
        if (action.equals("include_vars")) {
            for (String k : args.keySet()) {
                if (!INCLUDE_VARS_ARGS.contains(k)) {
                    throw new UserError(argPos.getOrDefault(k, taskPos), "unknown argument '" + k + "' of include_vars",
                            Suggestions.didYouMean(k, INCLUDE_VARS_ARGS));
                }
            }
            return;
        }
        if (action.equals("set_fact")) {
            if (args.isEmpty()) {
                throw new UserError(entry.keyPosition(), "set_fact needs at least one variable to set");
            }
            return;
        }
        Module module = modules.find(ActionReader.isTemplate(entry.key()) ? action : entry.key()).orElseThrow();
        if (args.containsKey(FreeFormArgs.VARIABLE_PARAMS) || args.containsKey(ModuleDefaults.TEMPLATE)) {
            return;  // the arguments are known when the template is rendered: they are checked then
        }
        ArgValidator.checkWritten(action, module.spec(), args, argPos, taskPos);
        module.checkWritten(new io.runbook.engine.module.WrittenArgs(args, argPos, taskPos, baseDir));
    }
}
