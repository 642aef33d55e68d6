package io.runbook.engine.exec;

import io.runbook.engine.playbook.Role;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * The mutable state of one host during a run: facts set by {@code set_fact} and {@code register}, facts gathered
 * or returned by modules, variables of {@code include_vars}, whether it failed or ended, the handlers it notified,
 * the include parameters in force and the roles it completed. Only the thread running the host's current task
 * writes it.
 */
final class HostState {
    final String name;
    /** set_fact and register (Ansible's precedence 19). */
    final Map<String, Object> facts = new Facts();
    /** Gathered facts and the ansible_facts of modules, keys as returned (precedence 11, also under ansible_facts). */
    final Map<String, Object> gathered = new Facts();
    /** include_vars (precedence 18). */
    final Map<String, Object> includedVars = new Facts();
    /** The handlers notified and not run yet: the instances the notifications reached when they were made. */
    final Set<io.runbook.engine.playbook.TaskNode> notified = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    final Deque<Map<String, Object>> includeParams = new ArrayDeque<>();
    /** Roles (of the current play) with a task that ran here, and roles that completed here. */
    final Set<Role> rolesRun = ConcurrentHashMap.newKeySet();
    final Set<Role> rolesCompleted = ConcurrentHashMap.newKeySet();
    /** The ids of the include instances the host is in, innermost first (see {@link TaskIds}). */
    final Deque<String> includePath = new ArrayDeque<>();
    /** The host's number in the run (0, 1, ...: in the order hosts were first seen). */
    final int number;
    /**
     * How often each place that ran more than once on this host ran (a file imported twice): its later runs get
     * their own ids ({@link TaskIds}).
     */
    final Map<String, Integer> occurrences = new ConcurrentHashMap<>();
    /** The id of the task instance running on the host (see {@link TaskIds}), or null. */
    volatile String currentTask;
    /** Resuming: the host replays journaled results until its first task that did not finish before. */
    volatile boolean replaying;
    volatile boolean failed;
    volatile boolean unreachable;
    volatile boolean ended;
    /**
     * The host is failed for the rest of the run even if a rescue handled the failure (an include_tasks whose file
     * could not be loaded, as Ansible's failed hosts): no later play takes it.
     */
    volatile boolean failedForRun;
    /** Set by {@code meta: clear_host_errors} while the host runs an {@code always} section after failing. */
    volatile boolean errorsCleared;
    volatile boolean factsGathered;
    volatile Map<String, Object> lastFailure = Map.of();
    volatile String lastFailedTask;

    HostState(String name, int number) {
        this.name = name;
        this.number = number;
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
