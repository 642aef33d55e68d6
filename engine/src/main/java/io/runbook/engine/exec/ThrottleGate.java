package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Task;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Ansible's {@code throttle}: at most N hosts run one task at once, whatever the forks (the task's own value, else
 * its block's, its role's or its play's). One gate serves the whole run: under the linear strategy it holds back the
 * hosts of one task beyond N, under free the hosts that reach a task while N others run it, as Ansible's free
 * strategy counts the workers running the same task.
 */
final class ThrottleGate {
    /** How many hosts run each task (the task as written: a templated name makes a copy per host) now. */
    private final Map<Task, Integer> running = new IdentityHashMap<>();

    /**
     * Waits until fewer than {@code limit} hosts run {@code task}, then counts this host in; a limit of 0 or less
     * is none (and counts nothing). Returns whether the host was counted in, to give to {@link #leave}.
     */
    boolean enter(Task task, int limit) throws InterruptedException {
        // no throttle (nearly every task): nothing to count, and two hundred workers do not queue for the gate's lock
        return limit > 0 && counted(task, limit);
    }

    private synchronized boolean counted(Task task, int limit) throws InterruptedException {
        while (running.getOrDefault(task, 0) >= limit) {
            wait();
        }
        running.merge(task, 1, Integer::sum);
        return true;
    }

    /** This host has finished {@code task}. */
    synchronized void leave(Task task) {
        running.computeIfPresent(task, (t, n) -> n == 1 ? null : n - 1);
        notifyAll();
    }

    /**
     * A task's throttle, rendered with the host's variables and read as Python's {@code int()} reads it (as Ansible's
     * strategies do); 0 when no level sets it. A value that is no integer stops the run, with Ansible's words.
     */
    static int limit(RunState run, Task task, Map<String, Object> vars) {
        Object written = task.keywords().throttle();
        if (written == null) {
            return 0;
        }
        Object value = run.templar.render(written, vars, task.position());
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new UserError(task.position(), "Failed to convert the throttle value to an integer.");
        }
    }
}
