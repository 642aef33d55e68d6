package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.FreeFormArgs;
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
        if (!rendered.containsKey(FreeFormArgs.VARIABLE_PARAMS)) {
            return rendered;
        }
        Map<String, Object> args = new LinkedHashMap<>(rendered);
        Object variable = args.remove(FreeFormArgs.VARIABLE_PARAMS);
        if (!(variable instanceof Map<?, ?> given)) {
            throw new UserError(where, "invalid or malformed argument: '" + variable + "' (the arguments must be key=value"
                    + " words, or one template that gives a mapping)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        given.forEach((k, v) -> out.put(String.valueOf(k), v));
        out.putAll(args);
        return out;
    }
}
