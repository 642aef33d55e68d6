package io.runbook.engine.exec;

import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import java.util.List;
import java.util.Map;

/**
 * Runs notified handlers, as Ansible 2.14: one pass over the handlers in the order they are defined (not
 * notified), each for the hosts that notified it: by name (also as {@code role : name}; of handlers with the same
 * name the one {@link PlayScope#handlerNamed} picked when the notification was made) or by a {@code listen} topic
 * ({@link PlayScope#answering}). A handler notified while the pass
 * is under way runs in it if it comes later in the list; one that comes earlier (or the handler itself) waits for the next flush. Handlers may be tasks, {@code include_tasks}
 * or {@code meta}. Failed hosts are left out unless force_handlers is in force (see {@link #takes}).
 */
final class HandlerRunner {
    private final RunState run;
    private final PlayScope scope;
    private final TagFilter tags;
    private final TaskDispatch dispatch;
    private SectionRunner sections;
    /**
     * The hosts that had failed when this flush began and take its handlers because force_handlers is on, with their
     * failures then: as in Ansible 2.14, such a host takes every handler (and the tasks of an included one) until one
     * fails on it; a host that fails in a handler takes no more handlers of the flush.
     */
    private final Map<HostState, Integer> forced = new java.util.concurrent.ConcurrentHashMap<>();

    HandlerRunner(RunState run, PlayScope scope, TagFilter tags) {
        this.run = run;
        this.scope = scope;
        this.tags = tags;
        this.dispatch = new TaskDispatch(run, scope);
    }

    private SectionRunner sections() {
        if (sections == null) {
            sections = new SectionRunner(run, scope, tags, this, true);
        }
        return sections;
    }

    void flush(List<HostState> hosts) {
        // with strategy free each host flushes on its own, at once: only this flush's hosts are touched here
        hosts.forEach(forced::remove);
        if (scope.setup.forceHandlers()) {
            hosts.stream().filter(h -> h.failed && !h.unreachable).forEach(h -> forced.put(h, run.stats(h.name).failed()));
        }
        // the handlers of this pass: an include_role of another host (strategy free) may add more while it runs
        List<TaskNode> pass = List.copyOf(scope.handlers);
        try {
            for (TaskNode handler : pass) {
                if (run.interrupted.get()) {
                    return;
                }
                runIfNotified(handler, hosts);
            }
        } finally {
            hosts.forEach(forced::remove);
            // as Ansible 2.14's iterator: a failed host is done once this flush is (with force_handlers it took the
            // handlers of this one), so what it notified and did not run is dropped, not run by a later flush
            hosts.stream().filter(h -> h.failed || h.unreachable).forEach(h -> {
                synchronized (h.notified) {
                    h.notified.clear();
                }
            });
        }
    }

    private void runIfNotified(TaskNode handler, List<HostState> hosts) {
        List<HostState> targets = hosts.stream().filter(this::takes).filter(h -> notified(h, handler)).toList();
        if (targets.isEmpty()) {
            return;
        }
        try {
            if (handler instanceof Task t && t.action().equals("meta")) {
                new MetaActions(run, scope, this, true).run(t, targets);
            } else if (handler instanceof Task t) {
                dispatch.run(t, targets, false, false, true);
            } else if (handler instanceof Include inc) {
                sections().run(List.of(inc), targets, false);
            }
        } finally {
            // as Ansible 2.14: the notification is consumed after the handler ran, so a handler that notifies itself
            // runs once; one that notifies an earlier handler makes it wait for the next flush
            targets.forEach(h -> {
                synchronized (h.notified) {
                    h.notified.remove(handler);
                }
            });
        }
    }

    /** Whether {@code h} takes the handlers' tasks now: an active host, or one forced through this flush. */
    boolean takes(HostState h) {
        Integer failures = forced.get(h);
        return h.active() || failures != null && !h.unreachable && run.stats(h.name).failed() == failures;
    }

    /** Whether {@code h} notified this handler (by its name, or a topic it listens to, when it was loaded). */
    private static boolean notified(HostState h, TaskNode handler) {
        synchronized (h.notified) {
            return h.notified.contains(handler);
        }
    }
}
