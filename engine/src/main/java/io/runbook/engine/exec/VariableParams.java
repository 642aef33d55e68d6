package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.FreeFormArgs;
import io.runbook.engine.playbook.ModuleDefaults;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code module: "{{ args }}"}: the arguments are a template that must give a mapping, with the task's key=value
 * words on top of it, as Ansible's task post-validation does with its {@code _variable_params}.
 */
final class VariableParams {
    private VariableParams() {
    }

    static Map<String, Object> merged(Map<String, Object> rendered, SourcePosition where) {
        if (!rendered.containsKey(FreeFormArgs.VARIABLE_PARAMS) && !rendered.containsKey(ModuleDefaults.TEMPLATE)) {
            return rendered;
        }
        Map<String, Object> args = new LinkedHashMap<>(rendered);
        Map<String, Object> out = new LinkedHashMap<>();
        // as Ansible: a module_defaults entry that is a template lies below the task's arguments, variable params too
        // the action's groups' entries and its own, in that order (ModuleDefaults.applyTo)
        if (args.containsKey(ModuleDefaults.TEMPLATE)) {
            Object defaults = args.remove(ModuleDefaults.TEMPLATE);
            for (Object layer : defaults instanceof java.util.List<?> layers ? layers : java.util.List.of(defaults)) {
                if (!(layer instanceof Map<?, ?> given)) {
                    throw new UserError(where, "module_defaults: the template of this action's defaults did not give a "
                            + "mapping of arguments");
                }
                given.forEach((k, v) -> out.put(String.valueOf(k), v));
            }
        }
        if (args.containsKey(FreeFormArgs.VARIABLE_PARAMS)) {
            Object variable = args.remove(FreeFormArgs.VARIABLE_PARAMS);
            if (!(variable instanceof Map<?, ?> given)) {
                throw new UserError(where, "invalid or malformed argument: '" + variable + "' (the arguments must be key=value"
                        + " words, or one template that gives a mapping)");
            }
            given.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        out.putAll(args);
        return out;
    }
}
