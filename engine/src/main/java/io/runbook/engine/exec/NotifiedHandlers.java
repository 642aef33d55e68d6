package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Ansible's {@code NOTIFIED HANDLER name for host} lines (from -vv, before the host's result, after a loop's items):
 * each handler a change notifies that was not pending on the host yet, in Ansible's order (per name, the handler of
 * that name, then those listening to it). Recording the notifications stays {@link TaskExecutor}'s.
 */
final class NotifiedHandlers {
    private NotifiedHandlers() {
    }

    /**
     * From -vv, announces the handlers the task's change notifies ({@code names}: its notify names rendered) that were
     * not pending on the host yet. A notify name that cannot be rendered is left to the task's notify, which reports it
     * once the task ended.
     */
    static void announce(RunState run, PlayScope scope, HostState host, Task task, Supplier<List<String>> names) {
        if (task.notifies().isEmpty()) {  // whatever the verbosity: a Python callback gets each (the console's -vv)
            return;
        }
        List<String> rendered;
        try {
            rendered = names.get();
        } catch (UserError e) {
            return;
        }
        Set<TaskNode> pending = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        synchronized (host.notified) {
            pending.addAll(host.notified);
        }
        for (String name : rendered) {
            for (TaskNode h : scope.answering(name)) {
                if (pending.add(h)) {
                    run.listeners.handlerNotified(shown(h), host.name);
                }
            }
        }
    }

    /** As Ansible names a handler: {@code role : name} for a role's. */
    private static String shown(TaskNode h) {
        return h instanceof Task t ? t.displayName() : h instanceof Include i ? i.displayName() : h.name();
    }
}
