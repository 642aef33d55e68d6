package io.runbook.engine.exec;

import io.runbook.engine.playbook.Expr;
import io.runbook.engine.vars.Conditions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a task's conditions ({@code when}, {@code changed_when}, {@code failed_when}, {@code until}) as Ansible's
 * Conditional does: one written with Jinja's delimiters is warned about first, as written (so never with a secret it
 * uses). Ansible warns in the worker process that runs the task on one host, whose display shows each warning once
 * but for every host and every task again (loop items and retries share it); the conditions of a {@code meta} task
 * are evaluated by the controller, which shows a warning once per run. Thread-safe.
 */
final class TaskConditions {
    private final RunState run;
    private final Set<String> shown;

    private TaskConditions(RunState run, Set<String> shown) {
        this.run = run;
        this.shown = shown;
    }

    /** For one run of a task on one host (its loop items, retries and module included), as Ansible's worker. */
    static TaskConditions onHost(RunState run) {
        return new TaskConditions(run, ConcurrentHashMap.newKeySet());
    }

    /** For conditions the controller evaluates (meta tasks): each warning once per run. */
    static TaskConditions onController(RunState run) {
        return new TaskConditions(run, null);
    }

    /** Whether the condition holds with {@code vars}; an undefined variable or a bad template throws UserError. */
    boolean test(Expr condition, Map<String, Object> vars) {
        warn(Conditions.delimiterWarning(condition.text()));
        return run.conditions.test(condition.text(), vars, condition.position());
    }

    /** Shows a warning of this run (null: none), as Ansible's display in the process that evaluates it. */
    void warn(String message) {
        if (message == null) {
            return;
        }
        if (shown == null) {
            run.listeners.warning(message);
        } else if (shown.add(message)) {
            run.listeners.hostWarning(message);
        }
    }
}
