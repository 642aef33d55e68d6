package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TemplatedAction;
import io.runbook.engine.report.PythonRepr;
import io.runbook.engine.vars.UndefinedVariableError;
import java.util.List;
import java.util.Map;

/**
 * A task whose module is named by a template ({@code action: "{{ module }}"}), resolved on a host (and loop item) when
 * it runs, as Ansible's post-validation of the action field: the name rendered with the host's variables, the module
 * looked up, the written arguments checked as the parser checks a literally named module's.
 */
final class RunTimeAction {
    private RunTimeAction() {
    }

    /** The task with its module resolved with {@code vars}; a name no module answers to fails the whole task. */
    static Task resolve(RunState run, Task task, Map<String, Object> vars) {
        return TemplatedAction.resolve(run.modules, task, name(run, task, vars));
    }

    /**
     * The task itself, unless it names by its short name a module the plugin filter file blocks (by {@code action:},
     * or ad-hoc's {@code -m}, which the parser lets through): that fails the whole task on each host, as Ansible's.
     */
    static Task unblocked(RunState run, Task task) {
        if (run.modules.blocked(task.moduleName())) {
            throw TemplatedAction.notFound(task, task.moduleName());
        }
        return task;
    }

    /**
     * What the module refusing the resolved task's arguments ends it with (as a module refusing them when it runs), or
     * null when it takes them.
     */
    static ModuleCall.Outcome refused(RunState run, Task resolved) {
        try {
            TemplatedAction.checkArgs(run.modules, resolved);
            return null;
        } catch (UserError e) {
            Map<String, Object> failure = TemplatedAction.refusesAsAction(resolved) ? PlacedFailure.of(e) : PlacedFailure.ofModule(e);
            return new ModuleCall.Outcome(failure, List.of(), List.of());
        }
    }

    /** The module's name, rendered; an undefined variable in it fails the task with the words of Ansible's post-validation. */
    private static String name(RunState run, Task task, Map<String, Object> vars) {
        Object name;
        try {
            name = run.templar.plain(run.templar.render(task.action(), vars, task.position()));
        } catch (UndefinedVariableError e) {
            throw new UserError(task.position(), "The field 'action' has an invalid value, which includes an undefined "
                    + "variable. The error was: " + e.cause());
        }
        return name instanceof String s ? s : PythonRepr.str(name);
    }
}
