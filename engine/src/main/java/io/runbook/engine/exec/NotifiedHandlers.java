package io.runbook.engine.exec;

import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ansible's {@code NOTIFIED HANDLER name for host} lines (from -vv, before the host's result, after a loop's items):
 * each handler a change notifies that was not pending on the host yet, in Ansible's order (per name, the handler of
 * that name, then those listening to it). Recording the notifications stays {@link TaskExecutor}'s.
 */
final class NotifiedHandlers {
    private NotifiedHandlers() {
    }

    static void announce(RunState run, PlayScope scope, HostState host, List<String> names) {
        List<TaskNode> all = List.copyOf(scope.handlers);
        Set<TaskNode> pending = new HashSet<>();
        synchronized (host.notified) {
            host.notified.forEach(n -> pending.addAll(answering(scope, n, all)));
        }
        for (String name : names) {
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
