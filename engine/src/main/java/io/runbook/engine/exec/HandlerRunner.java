package io.runbook.engine.exec;

import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs notified handlers, as Ansible 2.14: one pass over the handlers in the order they are defined (not
 * notified), each for the hosts that notified it by name (also as {@code role : name}; of handlers with the same
 * name the one {@link PlayScope#handlerNamed} picks) or by a {@code listen} topic. A handler notified while the pass
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
        // a listen topic reaches every handler that listens to it, so topics are consumed after the pass
        Map<HostState, Set<String>> topics = new LinkedHashMap<>();
        // names whose handler ran in this pass: a later handler listening to the same name still answers it
        Map<HostState, Set<String>> ranByName = new LinkedHashMap<>();
        // the handlers of this pass: an include_role of another host (strategy free) may add more while it runs
        List<TaskNode> pass = List.copyOf(scope.handlers);
        try {
            for (TaskNode handler : pass) {
                if (run.interrupted.get()) {
                    return;
                }
                runIfNotified(handler, pass, hosts, topics, ranByName);
            }
        } finally {
            hosts.forEach(forced::remove);
            topics.forEach((h, t) -> {
                synchronized (h.notified) {
                    h.notified.removeAll(t);
                }
            });
        }
    }

    private void runIfNotified(TaskNode handler, List<TaskNode> pass, List<HostState> hosts,
                               Map<HostState, Set<String>> topics, Map<HostState, Set<String>> ranByName) {
        List<HostState> targets = hosts.stream()
                .filter(this::takes)
                .filter(h -> notified(h, handler, pass, ranByName.getOrDefault(h, Set.of()))).toList();
        if (targets.isEmpty()) {
            return;
        }
        targets.forEach(h -> topics.computeIfAbsent(h, k -> new HashSet<>()).addAll(listen(handler)));
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
                    for (String name : names(handler)) {
                        if (scope.handlerNamed(name, pass) == handler && h.notified.remove(name)) {
                            ranByName.computeIfAbsent(h, k -> new HashSet<>()).add(name);
                        }
                    }
                }
            });
        }
    }

    /** Whether {@code h} takes the handlers' tasks now: an active host, or one forced through this flush. */
    boolean takes(HostState h) {
        Integer failures = forced.get(h);
        return h.active() || failures != null && !h.unreachable && run.stats(h.name).failed() == failures;
    }

    private List<String> names(TaskNode handler) {
        return scope.handlerNames(handler, false);
    }

    private static List<String> listen(TaskNode handler) {
        return HandlerNames.listen(handler);
    }

    /**
     * Whether {@code h} notified the handler: by one of its names, or by a topic it listens to (also a name whose
     * handler already ran in this pass, as Ansible gives a notification to the first handler of that name and to every
     * handler listening to it).
     */
    private boolean notified(HostState h, TaskNode handler, List<TaskNode> pass, Set<String> ranByName) {
        synchronized (h.notified) {
            return names(handler).stream().anyMatch(n -> h.notified.contains(n) && scope.handlerNamed(n, pass) == handler)
                    || listen(handler).stream().anyMatch(t -> h.notified.contains(t) || ranByName.contains(t));
        }
    }
}
