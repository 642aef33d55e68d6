package io.runbook.engine.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What async tasks and async_status register, as ansible-core 2.14's async_status action and module give it. */
final class AsyncResults {
    private AsyncResults() {
    }

    /** The key of a polled task's result that ran past its async: async_status's last answer, as Ansible's. */
    private static final String ASYNC_RESULT = "async_result";

    /**
     * A polled async task's result: async_status's answer (its empty output keys under the task's own result, with the
     * job's keys), as Ansible's polling registers it; past its async, Ansible's failure holding the last answer
     * ({@link #tooLong}).
     */
    static Map<String, Object> polled(String jid, Map<String, Object> result) {
        if (result.get(ASYNC_RESULT) instanceof Map<?, ?> last) {
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) last;
            answer.put("ansible_job_id", jid);
            return result;
        }
        Map<String, Object> out = answer(jid);
        out.putAll(finished(jid, result));
        return out;
    }

    /** An async task's result (polled to its end, or asked for by async_status when done): its own, with the job's keys. */
    static Map<String, Object> finished(String jid, Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>(result);
        out.put("ansible_job_id", jid);
        out.put("finished", 1);
        out.put("started", 1);
        return out;
    }

    /**
     * A polled task that ran longer than its async ({@code jid} filled in by {@link #polled}): Ansible's failure, with
     * async_status's last answer (the job not finished) as {@code async_result}.
     */
    static Map<String, Object> tooLong(long seconds) {
        Map<String, Object> last = answer(null);
        last.put("started", 1);
        last.remove("changed");
        last.remove("failed");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("failed", true);
        r.put("msg", "async task did not complete within the requested time - " + seconds + "s");
        r.put(ASYNC_RESULT, last);
        return r;
    }

    /**
     * What a {@code poll: 0} job ended with, as async_status reads it: a job past its async is Ansible's async_wrapper's
     * {@code Timeout exceeded} (the job is stopped), not the polling's failure.
     */
    static ModuleCall.Outcome jobEnded(ModuleCall.Outcome outcome) {
        if (!outcome.result().containsKey(ASYNC_RESULT)) {
            return outcome;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("failed", true);
        r.put("msg", "Timeout exceeded");
        return new ModuleCall.Outcome(r, outcome.diffs(), outcome.warnings(), outcome.ran());
    }

    /** async_status's answer before the job's own (its action's initial result). */
    private static Map<String, Object> answer(String jid) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (jid != null) {
            out.put("ansible_job_id", jid);
        }
        out.put("changed", false);
        out.put("failed", false);
        out.put("started", 0);
        out.put("finished", 0);
        out.put("stdout", "");
        out.put("stderr", "");
        out.put("stdout_lines", List.of());
        out.put("stderr_lines", List.of());
        return out;
    }

    /** async_status's answer for the job {@code jid}: not finished yet, its result, or (cleanup) that it is forgotten. */
    static ModuleCall.Outcome status(AsyncJobs jobs, String jid, String mode) {
        Map<String, Object> out = answer(jid);
        if ("cleanup".equals(mode)) {
            jobs.remove(jid);
            out.put("erased", jid);
            return new ModuleCall.Outcome(out, List.of(), List.of(), true);
        }
        out.put("started", 1);
        CompletableFuture<ModuleCall.Outcome> job = jobs.get(jid);
        if (job == null) {
            out.put("failed", true);
            out.put("finished", 1);
            out.put("msg", "could not find job");
            return new ModuleCall.Outcome(out, List.of(), List.of(), true);
        }
        if (!job.isDone()) {
            return new ModuleCall.Outcome(out, List.of(), List.of(), true);
        }
        ModuleCall.Outcome done = job.join();
        Map<String, Object> result = new LinkedHashMap<>(out);
        result.putAll(finished(jid, done.result()));
        return new ModuleCall.Outcome(result, done.diffs(), done.warnings(), true);
    }
}
