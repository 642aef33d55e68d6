package io.runbook.engine.exec;

import io.runbook.engine.playbook.Task;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs notified handlers: each once per host, in the order they are defined (not notified), for the hosts
 * that notified it by name or by a {@code listen} topic. Failed hosts are left out unless
 * {@code force_handlers} is set.
 */
final class HandlerRunner {
    private final RunState run;
    private final PlayScope scope;
    private final TaskDispatch dispatch;

    HandlerRunner(RunState run, PlayScope scope) {
        this.run = run;
        this.scope = scope;
        this.dispatch = new TaskDispatch(run, scope);
    }

    void flush(List<HostState> hosts) {
        // a listen topic reaches every handler that listens to it, so topics are consumed after the flush
        Map<HostState, Set<String>> topics = new LinkedHashMap<>();
        try {
            for (Task handler : scope.play.handlers()) {
                if (run.interrupted.get()) {
                    return;
                }
                runIfNotified(handler, hosts, topics);
            }
        } finally {
            topics.forEach((h, t) -> {
                synchronized (h.notified) {
                    h.notified.removeAll(t);
                }
            });
        }
    }

    private void runIfNotified(Task handler, List<HostState> hosts, Map<HostState, Set<String>> topics) {
        List<HostState> targets = hosts.stream()
                .filter(h -> h.active() || scope.play.forceHandlers() && h.failed && !h.unreachable)
                .filter(h -> notified(h, handler)).toList();
        if (targets.isEmpty()) {
            return;
        }
        targets.forEach(h -> {
            synchronized (h.notified) {
                h.notified.remove(handler.displayName());
            }
            topics.computeIfAbsent(h, k -> new HashSet<>()).addAll(handler.listen());
        });
        dispatch.run(handler, targets, false, false, true);
    }

    private static boolean notified(HostState h, Task handler) {
        synchronized (h.notified) {
            return h.notified.contains(handler.displayName()) || handler.listen().stream().anyMatch(h.notified::contains);
        }
    }
}
