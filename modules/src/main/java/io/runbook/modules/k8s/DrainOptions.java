package io.runbook.modules.k8s;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s_drain}'s {@code delete_options}, read as kubernetes.core 2.4.0 declares them: an unknown option, or a
 * value of the wrong type, stops the run before it starts when written literally (else when the task runs).
 *
 * @param gracePeriod terminate_grace_period (null: the pod's own; 0 too, as kubernetes.core sends no DeleteOptions then)
 * @param waitTimeout wait_timeout in seconds (null: no wait for the pods to go; 0: no limit)
 */
record DrainOptions(Integer gracePeriod, boolean force, boolean ignoreDaemonsets, boolean deleteEmptydirData, boolean disableEviction,
                    Integer waitTimeout, int waitSleep) {
    private static final List<String> BOOLEANS = List.of("force", "ignore_daemonsets", "delete_emptydir_data", "disable_eviction");
    private static final List<String> INTEGERS = List.of("terminate_grace_period", "wait_timeout", "wait_sleep");

    /** The options of {@code value} (null: the defaults); mistakes are reported at {@code position}. */
    static DrainOptions of(Object value, SourcePosition position) {
        Map<?, ?> options = value instanceof Map<?, ?> m ? m : Map.of();
        if (value != null && !(value instanceof Map)) {
            throw new UserError(position, "argument 'delete_options': a mapping is expected");
        }
        for (Object key : options.keySet()) {
            String name = String.valueOf(key);
            if (!BOOLEANS.contains(name) && !INTEGERS.contains(name)) {
                List<String> known = new java.util.ArrayList<>(INTEGERS);
                known.addAll(BOOLEANS);
                throw new UserError(position, "argument 'delete_options': unknown option '" + name + "' (supported: "
                        + String.join(", ", known) + ")", Suggestions.closest(name, known).map(s -> "did you mean '" + s + "'?").orElse(null));
            }
        }
        return new DrainOptions(integer(options, "terminate_grace_period", position), bool(options, "force", position),
                bool(options, "ignore_daemonsets", position), bool(options, "delete_emptydir_data", position),
                bool(options, "disable_eviction", position), integer(options, "wait_timeout", position),
                options.get("wait_sleep") == null ? 5 : integer(options, "wait_sleep", position));
    }

    /** The literal options' mistakes, before the run; templated ones are checked when the task runs. */
    static void checkWritten(Object value, SourcePosition position) {
        if (value != null && !ArgValidator.isTemplate(value)) {
            of(value, position);
        }
    }

    private static boolean bool(Map<?, ?> options, String name, SourcePosition position) {
        Object v = options.get(name);
        if (v == null) {
            return false;
        }
        Boolean b = ArgValidator.parseBool(v);
        if (b == null) {
            throw new UserError(position, "argument 'delete_options': option '" + name + "': '" + v + "' is not a boolean");
        }
        return b;
    }

    private static Integer integer(Map<?, ?> options, String name, SourcePosition position) {
        Object v = options.get(name);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new UserError(position, "argument 'delete_options': option '" + name + "': '" + v + "' is not an integer");
        }
    }
}
