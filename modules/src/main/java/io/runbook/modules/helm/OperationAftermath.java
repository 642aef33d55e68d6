package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Objects;

/**
 * What a Helm operation that did not finish left behind, read from the cluster and said truthfully: after Helm
 * failed (its error, what is not ready, the release's state now), or after the task was stopped while Helm was
 * still working (Ctrl-C, SIGTERM, a task timeout), when Helm's own word is unknown and only the release's
 * stored state tells what happened.
 */
final class OperationAftermath {
    private final ReleaseRequest req;
    private final ReleaseStorage storage;

    OperationAftermath(ReleaseRequest req, ReleaseStorage storage) {
        this.req = req;
        this.storage = storage;
    }

    /** Helm's error, what is not ready (after a wait), and the state the release is left in. */
    ModuleException failure(String verb, RuntimeException e) {
        StringBuilder msg = new StringBuilder("helm " + verb + " of " + req.describe() + " (" + req.chart().describe()
                + ") failed: " + HelmAccess.message(e));
        try {
            List<String> waiting = req.waitReady() ? ReleaseProgress.notReady(storage, req) : List.of();
            if (!waiting.isEmpty()) {
                msg.append("; not ready: ").append(String.join(", ", waiting));
            }
            StoredRelease now = storage.latest(req.namespace(), req.name());
            msg.append(now == null ? "; the release is not installed" : "; the release is now revision " + now.revision() + " " + now.status());
        } catch (RuntimeException ignored) {
            // the cluster may be what failed: Helm's own error says enough
        }
        return new ModuleException(msg.toString(), e);
    }

    /**
     * The task was stopped while Helm worked on {@code verb}: the release's state as stored now (read with the
     * interrupt held back, then restored so the run still stops), what changed since {@code before}, and what the
     * next run of the task will do about it. Failed unless Helm had finished.
     */
    Result stopped(String verb, StoredRelease before) {
        boolean interrupted = Thread.interrupted();
        try {
            String what = "helm " + verb + " of " + req.describe() + (req.chart() == null ? "" : " (" + req.chart().describe() + ")");
            List<StoredRelease> history;
            try {
                history = storage.history(req.namespace(), req.name());
            } catch (RuntimeException e) {
                return Result.failed(what + " was stopped before Helm finished; the release's state could not be read: "
                        + HelmAccess.message(e));
            }
            StoredRelease now = history.isEmpty() ? null : history.get(history.size() - 1);
            boolean changed = (now == null) != (before == null) || (now != null && (now.revision() != before.revision()
                    || !Objects.equals(now.status(), before.status())));
            Result facts = Result.failed(null).withChanged(changed).with("name", req.name()).with("namespace", req.namespace())
                    .with("action", "stopped");
            if (now == null) {
                return facts.withMsg(what + " was stopped before Helm finished; the release was not installed when the task stopped");
            }
            facts = facts.with("revision", now.revision()).with("status", now.status()).with("chart", now.chart());
            if (now.deployed() && changed) {
                return facts.withFailed(false).withMsg(what + " finished as the task was stopped: revision " + now.revision() + " deployed");
            }
            String state = "; when the task stopped the release was revision " + now.revision() + " " + now.status();
            if (!now.stuck()) {
                return facts.withMsg(what + " was stopped before Helm finished" + state);
            }
            StuckRelease stuck = StuckRelease.of(history);
            return facts.withMsg(what + " was stopped before Helm finished" + state + "; " + stuck.nextRun(req.stuck()));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
