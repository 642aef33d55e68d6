package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Expr;
import io.runbook.engine.playbook.Task;
import java.util.Map;

/**
 * What one call of a task's action means to the task: its result with the module's warnings and the attempts so far,
 * {@code changed_when} and {@code failed_when} applied, and whether {@code until} holds. The same whether the result
 * came at once or later.
 */
final class CallOutcomes {
    private final RunState run;

    CallOutcomes(RunState run) {
        this.run = run;
    }

    /**
     * The result of one call of the action as the task sees it: the module's warnings, the attempts so far (with
     * until), changed_when and failed_when applied.
     */
    Map<String, Object> shaped(Task task, VarScope vars, ModuleCall.Outcome out, int attempts) {
        Map<String, Object> r = PlacedFailure.copy(out.result());
        if (!out.warnings().isEmpty()) {
            r.put("warnings", out.warnings());  // registered as Ansible's; the output shows them as [WARNING] lines
        }
        if (task.until() != null) {
            r.put("attempts", attempts);  // as Ansible: changed_when and failed_when may read the attempts so far
        }
        applyOverrides(task, vars, r);
        return r;
    }

    private void applyOverrides(Task task, VarScope vars, Map<String, Object> r) {
        if (task.changedWhen().isEmpty() && task.failedWhen().isEmpty()) {
            return;
        }
        VarScope withResult = task.register() == null ? vars : vars.with(Map.of(task.register(), r));
        String evaluating = "changed";
        Expr current = null;
        try {
            if (!task.changedWhen().isEmpty() && !Boolean.TRUE.equals(r.get("skipped"))) {
                boolean changed = true;
                for (Expr e : task.changedWhen()) {
                    current = e;
                    changed = changed && run.conditions.test(e.text(), withResult, e.position());
                }
                r.put("changed", changed);
            }
            evaluating = "failed";
            if (!task.failedWhen().isEmpty() && !Boolean.TRUE.equals(r.get("unreachable"))) {
                boolean failed = true;
                for (Expr e : task.failedWhen()) {
                    current = e;
                    failed = failed && run.conditions.test(e.text(), withResult, e.position());
                }
                r.put("failed", failed);
                r.put("failed_when_result", failed);
            }
        } catch (UserError e) {
            // as Ansible: the task fails, and keeps the module's own result (stdout, rc...) beside the reason
            r.put("failed", true);
            r.put(evaluating + "_when_result", "The conditional check '" + current.text() + "' failed. The error was: "
                    + e.format());
        }
    }

    /** Whether the task's {@code until} holds for the result {@code r}. */
    boolean until(Task task, VarScope vars, Map<String, Object> r) {
        VarScope withResult = task.register() == null ? vars : vars.with(Map.of(task.register(), r));
        return run.conditions.test(task.until().text(), withResult, task.until().position());
    }
}
