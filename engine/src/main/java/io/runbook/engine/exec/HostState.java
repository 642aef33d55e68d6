package io.runbook.engine.exec;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The mutable state of one host during a run: facts set by {@code set_fact} and {@code register}, whether it
 * failed or ended, the handlers it notified, and the include parameters in force. Only the thread running
 * the host's current task writes it.
 */
final class HostState {
    final String name;
    final Map<String, Object> facts = new Facts();
    final Set<String> notified = new LinkedHashSet<>();
    final Deque<Map<String, Object>> includeParams = new ArrayDeque<>();
    /** The ids of the include instances the host is in, innermost first (see {@link TaskIds}). */
    final Deque<String> includePath = new ArrayDeque<>();
    /** How often each place ran on this host, so a place that runs twice (imported twice) gets two ids. */
    final Map<String, Integer> occurrences = new ConcurrentHashMap<>();
    /** The id of the task instance running on the host (see {@link TaskIds}), or null. */
    volatile String currentTask;
    /** Resuming: the host replays journaled results until its first task that did not finish before. */
    volatile boolean replaying;
    volatile boolean failed;
    volatile boolean unreachable;
    volatile boolean ended;
    volatile Map<String, Object> lastFailure = Map.of();
    volatile String lastFailedTask;

    HostState(String name) {
        this.name = name;
    }

    /** Whether the host still takes tasks in this play. */
    boolean active() {
        return !failed && !unreachable && !ended;
    }

    @Override
    public String toString() {
        return name;
    }
}
