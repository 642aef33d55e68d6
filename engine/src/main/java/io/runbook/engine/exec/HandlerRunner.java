package io.runbook.engine.exec;

import io.runbook.engine.playbook.Task;
import java.util.List;

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
        for (Task handler : scope.play.handlers()) {
            if (run.interrupted.get()) {
                return;
            }
            List<HostState> targets = hosts.stream()
                    .filter(h -> h.active() || scope.play.forceHandlers() && h.failed && !h.unreachable)
                    .filter(h -> notified(h, handler)).toList();
            if (targets.isEmpty()) {
                continue;
            }
            targets.forEach(h -> {
                synchronized (h.notified) {
                    h.notified.remove(handler.displayName());
                    handler.listen().forEach(h.notified::remove);
                }
            });
            dispatch.run(handler, targets, false, true);
        }
    }

    private static boolean notified(HostState h, Task handler) {
        synchronized (h.notified) {
            return h.notified.contains(handler.displayName()) || handler.listen().stream().anyMatch(h.notified::contains);
        }
    }
}
