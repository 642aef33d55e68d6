package io.runbook.engine.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What async tasks and async_status register, as ansible-core 2.14's async_status action and module give it. */
final class AsyncResults {
    private AsyncResults() {
    }

    /** An async task's result (polled to its end, or asked for by async_status when done): its own, with the job's keys. */
    static Map<String, Object> finished(String jid, Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>(result);
        out.put("ansible_job_id", jid);
        out.put("finished", 1);
        out.put("started", 1);
        return out;
    }

    /** async_status's answer for the job {@code jid}: not finished yet, its result, or (cleanup) that it is forgotten. */
    static ModuleCall.Outcome status(AsyncJobs jobs, String jid, String mode) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ansible_job_id", jid);
        out.put("changed", false);
        out.put("failed", false);
        out.put("started", 0);
        out.put("finished", 0);
        out.put("stdout", "");
        out.put("stderr", "");
        out.put("stdout_lines", List.of());
        out.put("stderr_lines", List.of());
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
