package io.runbook.engine.exec;

import java.util.ArrayDeque;
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
