package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import java.util.ArrayList;
import java.util.HashSet;
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
        if (run.options.verbosity() < 2 || task.notifies().isEmpty()) {
            return;
        }
        List<String> rendered;
        try {
            rendered = names.get();
        } catch (UserError e) {
            return;
        }
        List<TaskNode> all = List.copyOf(scope.handlers);
        Set<TaskNode> pending = new HashSet<>();
        synchronized (host.notified) {
            host.notified.forEach(n -> pending.addAll(answering(scope, n, all)));
        }
        for (String name : rendered) {
            for (TaskNode h : answering(scope, name, all)) {
                if (pending.add(h)) {
                    run.listeners.handlerNotified(shown(h), host.name);
                }
            }
        }
    }

    /** The handlers a notification by {@code name} reaches: the one of that name, then those listening to it. */
    private static List<TaskNode> answering(PlayScope scope, String name, List<TaskNode> all) {
        List<TaskNode> out = new ArrayList<>();
        TaskNode named = scope.handlerNamed(name, all);
        if (named != null) {
            out.add(named);
        }
        all.stream().filter(h -> !out.contains(h) && HandlerNames.listen(h).contains(name)).forEach(out::add);
        return out;
    }

    /** As Ansible names a handler: {@code role : name} for a role's. */
    private static String shown(TaskNode h) {
        return h instanceof Task t ? t.displayName() : h instanceof Include i ? i.displayName() : h.name();
    }
}
