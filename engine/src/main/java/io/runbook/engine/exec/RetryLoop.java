package io.runbook.engine.exec;

import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.VarScope;
import java.util.Map;

/**
 * A task's action run again until its {@code until} holds (or, {@code retries} without {@code until}, until it does
 * not fail) or its retries are spent: each retry announced ({@code FAILED - RETRYING}) and its {@code delay} waited.
 */
final class RetryLoop {
    private final RunState run;
    private final ModuleCall calls;
    private final CallOutcomes outcomes;

    RetryLoop(RunState run, ModuleCall calls, CallOutcomes outcomes) {
        this.run = run;
        this.calls = calls;
        this.outcomes = outcomes;
    }

    /** How the last attempt ended: its outcome, its shaped result, the attempts made and the retries allowed. */
    record Ended(ModuleCall.Outcome outcome, Map<String, Object> result, int attempts, int retries) {
    }

    Ended run(Task task, HostState host, String delegate, VarScope vars, boolean check, boolean diff, boolean hidden,
              TaskConditions conditions) {
        int retries = RetryKeywords.retries(run.templar, task, vars);
        int attempts = 0;
        ModuleCall.Outcome out;
        Map<String, Object> r;
        while (true) {
            attempts++;
            out = calls.call(task, host, vars, check, diff, hidden, conditions);
            r = outcomes.shaped(task, vars, out, attempts, conditions);
            if (attempts > retries || run.interrupted.get() || Boolean.TRUE.equals(r.get("unreachable"))) {
                break;
            }
            boolean done = task.until() != null ? outcomes.until(task, vars, r, conditions)
                    : !Boolean.TRUE.equals(r.get("failed"));
            if (done) {
                break;
            }
            // the attempt's result (Result was: ...), as Ansible's _run_is_verbose: copied and censored only when shown
            run.listeners.retried(host.name, delegate, TaskResults.retried(hidden, r, attempts, retries));
            boolean shown = run.options.verbosity() > 2 || TaskExecutor.verboseAlways(task, true, hidden);
            run.listeners.retrying(host.name, delegate, task.displayName(), retries - attempts + 1,
                    shown ? TaskResults.retried(hidden, r, attempts, retries) : null);
            sleep(RetryKeywords.delayMillis(run.templar, task, vars));
        }
        return new Ended(out, r, attempts, retries);
    }

    /** Waits {@code millis} (a retry's delay, a loop's pause); an interrupt ends the wait and stays set. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
