package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A task's {@code async}, as ansible-core 2.14's action plugins meet it: the actions whose plugin does not support
 * async refuse it (their {@code _supports_async} is false: {@code debug}, {@code copy}, {@code script}, ...), the
 * others refuse it in check mode, and otherwise run it. The engine runs such a task to its end as any other (it
 * does not start background jobs), with {@code async} as its time limit, failing with Ansible's message when it is
 * reached, as Ansible's polling does.
 */
final class AsyncKeyword {
    /** Ansible's action plugins that refuse async (ansible-core 2.14, lib/ansible/plugins/action). */
    static final Set<String> REFUSING = Set.of("add_host", "assemble", "assert", "async_status", "copy", "debug", "fail",
            "fetch", "gather_facts", "group_by", "include_vars", "pause", "raw", "script", "set_fact", "set_stats",
            "template", "unarchive", "validate_argument_spec", "wait_for_connection");

    /**
     * Ansible's action plugins that accept async but run to their end without starting a job ({@code reboot}: its wait
     * is its own): with {@code poll} above 0 Ansible then finds no job to poll ({@link #noJobId}).
     */
    private static final Set<String> WITHOUT_JOB = Set.of("reboot");

    private AsyncKeyword() {
    }

    /**
     * The task's async in seconds, rendered with the host's variables and read as Python's {@code int()} (0: none);
     * a value that is no integer fails the task with Ansible's words.
     */
    static int seconds(RunState run, Task task, Map<String, Object> vars) {
        if (task.async() == null) {
            return 0;
        }
        return integer(run, task, vars, task.async().seconds(), "async_val");
    }

    /**
     * The task's poll in seconds (when it sets none, the run's poll_interval, as Ansible's DEFAULT_POLL_INTERVAL, 15
     * unless configured; 0: the job is started and the host goes on).
     */
    static int poll(RunState run, Task task, Map<String, Object> vars) {
        Object poll = task.async() == null ? null : task.async().poll();
        return poll == null ? run.options.pollInterval() : integer(run, task, vars, poll, "poll");
    }

    private static int integer(RunState run, Task task, Map<String, Object> vars, Object written, String field) {
        Object value = run.templar.render(written, vars, task.position());
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        String text = String.valueOf(value);
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UserError(task.position(), "the field '" + field + "' has an invalid value (" + text + "), and could "
                    + "not be converted to an int.The error was: invalid literal for int() with base 10: '" + text + "'");
        }
    }

    /** Ansible's refusal of this task's async (in check mode too), or null when it runs. */
    static Map<String, Object> refusal(Task task, int seconds, boolean check) {
        if (seconds <= 0) {
            return null;
        }
        if (REFUSING.contains(ModuleRegistry.shortName(task.action()))) {
            return failure("async is not supported for this task.");
        }
        return check ? failure("check mode and async cannot be used on same task.") : null;
    }

    /** Whether the task's action runs to its end without a job whatever its async (see {@link #WITHOUT_JOB}). */
    static boolean runsWithoutJob(Task task) {
        return WITHOUT_JOB.contains(ModuleRegistry.shortName(task.action()));
    }

    /**
     * What Ansible's task executor makes of such an action's result when {@code poll} is above 0: it looks for the job
     * of a result that neither failed nor skipped, and finds none.
     */
    static ModuleCall.Outcome noJobId(ModuleCall.Outcome outcome, int poll) {
        Map<String, Object> result = outcome.result();
        if (poll <= 0 || Boolean.TRUE.equals(result.get("failed")) || Boolean.TRUE.equals(result.get("skipped"))) {
            return outcome;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("failed", true);
        r.put("msg", "No job id was returned by the async task");
        return new ModuleCall.Outcome(r, outcome.diffs(), outcome.warnings(), outcome.ran());
    }

    /**
     * Ansible's AnsibleActionFail raised by ActionBase.run: its result holds the traceback of no exception
     * ({@code traceback.format_exc()} outside an except block), which the callbacks show as an exception line.
     */
    private static Map<String, Object> failure(String msg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("exception", "NoneType: None\n");
        r.put("failed", true);
        r.put("msg", msg);
        return r;
    }
}
