package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.playbook.TemplatedFlag;
import java.util.Map;

/**
 * A boolean task keyword ({@code check_mode}, {@code diff}, {@code run_once}, {@code ignore_errors}) that may be a {@link TemplatedFlag}, rendered as Ansible
 * does: a template that renders to {@code omit} takes the value of the level above.
 */
final class KeywordFlag {
    private KeywordFlag() {
    }

    /** {@code value} (a Boolean, a TemplatedFlag, or null when no level sets it) rendered with {@code vars}. */
    static Boolean of(RunState run, String keyword, Object value, Map<String, Object> vars) {
        while (value instanceof TemplatedFlag f) {
            Object rendered = run.templar.render(f.template(), vars, f.position());
            if (CallInputs.OMIT.equals(rendered)) {
                value = f.inherited();
                continue;
            }
            Boolean b = rendered instanceof Boolean bool ? bool : ArgValidator.parseBool(rendered);
            if (b == null) {
                throw new UserError(f.position(), keyword + " must be a boolean (yes/no, true/false), but '" + f.template()
                        + "' gave '" + rendered + "'");
            }
            return b;
        }
        return (Boolean) value;
    }

    /**
     * Whether a task (or include) with these keywords ignores its failure on a host: {@code ignore_errors} true, or its
     * template rendered with the task's variables there ({@code vars}, asked only for a template). One that cannot be
     * rendered to a boolean ignores nothing, with a warning saying why, as Ansible fails such a task.
     */
    static boolean ignoresErrors(RunState run, io.runbook.engine.playbook.Keywords keywords,
                                 java.util.function.Supplier<? extends Map<String, Object>> vars) {
        return holds(run, "ignore_errors", keywords.ignoreErrors(), vars);
    }

    /** As {@link #ignoresErrors}, for {@code ignore_unreachable}. */
    static boolean ignoresUnreachable(RunState run, io.runbook.engine.playbook.Keywords keywords,
                                      java.util.function.Supplier<? extends Map<String, Object>> vars) {
        return holds(run, "ignore_unreachable", keywords.ignoreUnreachable(), vars);
    }

    private static boolean holds(RunState run, String keyword, Object value,
                                 java.util.function.Supplier<? extends Map<String, Object>> vars) {
        if (!(value instanceof TemplatedFlag)) {
            return Boolean.TRUE.equals(value);
        }
        try {
            return Boolean.TRUE.equals(of(run, keyword, value, vars.get()));
        } catch (UserError e) {
            run.listeners.warning(e.format());
            return false;
        }
    }
}
