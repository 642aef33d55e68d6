package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Expr;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.VarScope;
import java.util.Map;

/**
 * What one call of a task's action means to the task: its result with the module's warnings and the attempts so far,
 * {@code changed_when} and {@code failed_when} applied, and whether {@code until} holds. The same whether the result
 * came at once or later.
 */
final class CallOutcomes {
    /**
     * The result of one call of the action as the task sees it: the module's warnings, the attempts so far (with
     * until), changed_when and failed_when applied (evaluated by {@code conditions}, the task's on its host).
     */
    Map<String, Object> shaped(Task task, VarScope vars, ModuleCall.Outcome out, int attempts, TaskConditions conditions) {
        Map<String, Object> r = PlacedFailure.copy(out.result());
        if (!out.warnings().isEmpty()) {
            r.put("warnings", out.warnings());  // registered as Ansible's; the output shows them as [WARNING] lines
        }
        if (task.until() != null) {
            r.put("attempts", attempts);  // as Ansible: changed_when and failed_when may read the attempts so far
        }
        applyOverrides(task, vars, r, conditions);
        return r;
    }

    private void applyOverrides(Task task, VarScope vars, Map<String, Object> r, TaskConditions conditions) {
        // as Ansible: a skipped result (a command in check mode) is neither changed nor failed by them
        if (task.changedWhen().isEmpty() && task.failedWhen().isEmpty() || Boolean.TRUE.equals(r.get("skipped"))) {
            return;
        }
        VarScope withResult = withResult(task, vars, r);
        String evaluating = "changed";
        Expr current = null;
        try {
            if (!task.changedWhen().isEmpty()) {
                boolean changed = true;
                for (Expr e : task.changedWhen()) {
                    current = e;
                    changed = changed && conditions.test(e, withResult);
                }
                r.put("changed", changed);
            }
            evaluating = "failed";
            if (!task.failedWhen().isEmpty() && !Boolean.TRUE.equals(r.get("unreachable"))) {
                boolean failed = true;
                for (Expr e : task.failedWhen()) {
                    current = e;
                    failed = failed && conditions.test(e, withResult);
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
    boolean until(Task task, VarScope vars, Map<String, Object> r, TaskConditions conditions) {
        return conditions.test(task.until(), withResult(task, vars, r));
    }

    /**
     * The variables the task's conditions see for its result {@code r}, as Ansible's: the result registered (as unsafe
     * data but set_fact's and include_vars': a condition written with {{ }} cannot read it), then the facts it
     * returned (set_fact's, include_vars', a module's gathered facts) on top; set_fact's and include_vars' not when
     * they go to a delegate.
     */
    private static VarScope withResult(Task task, VarScope vars, Map<String, Object> r) {
        boolean delegated = task.keywords().delegateTo() != null && Boolean.TRUE.equals(task.keywords().delegateFacts())
                && (task.action().equals("set_fact") || task.action().equals("include_vars"));
        Map<String, Object> facts = TaskFacts.visibleOf(task, delegated, r, vars);
        if (task.register() == null && facts.isEmpty()) {
            return vars;
        }
        Map<String, Object> top = new java.util.LinkedHashMap<>();
        if (task.register() != null) {
            top.put(task.register(), TaskResults.asVariable(task.action(), r));
        }
        top.putAll(facts);
        return vars.with(top);
    }
}
