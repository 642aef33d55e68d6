package io.runbook.modules.helm;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.k8s.ClusterConnection;
import java.util.List;

/**
 * {@code state: absent}: uninstalls the release (check mode: predicts it gone), optionally waiting until its objects
 * are deleted. Changed iff a release existed.
 */
record ReleaseUninstall(ModuleContext ctx, ReleaseRequest req, ReleaseStorage storage, HelmAccess helm, ClusterConnection conn) {
    /** The task's result and what Helm said of the uninstall ({@code ""} when none ran). */
    record Outcome(Result result, String output) {
    }

    /** {@code state: absent}: uninstalls; changed iff a release existed. */
    Outcome run() throws ModuleException, InterruptedException {
        String output = "";
        List<StoredRelease> history = storage.history(req.namespace(), req.name());
        StoredRelease latest = history.isEmpty() ? null : history.get(history.size() - 1);
        Result base = Result.ok().with("name", req.name()).with("namespace", req.namespace());
        if (latest == null || latest.uninstalled()) {
            return new Outcome(base.with("action", "absent").withMsg("release " + req.describe() + " is not installed"), output);
        }
        Result gone = base.withChanged(true).with("revision", latest.revision()).with("status", latest.status())
                .with("chart", latest.chart()).with("app_version", latest.appVersion());
        if (ctx.diffMode()) {
            ReleaseManifest.registerSecrets(ctx, latest.manifest());
            gone = gone.withDiff(new Diff("helm release " + req.describe() + " manifest", ReleaseManifest.masked(latest.manifest()), ""));
        }
        if (ctx.checkMode()) {
            ReleasePrediction.uninstalled(conn, history, latest);
            return new Outcome(gone.with("action", "uninstall").withMsg("check mode: would uninstall release " + req.describe()
                    + " (" + latest.chart() + ", revision " + latest.revision() + " " + latest.status() + ")"), output);
        }
        try {
            output = helm.commands().uninstall(req);
        } catch (RuntimeException e) {
            ModuleException lost = HelmAccess.clusterUnreachable(conn, "helm uninstall of " + req.describe(), e);
            throw lost != null ? lost : new ModuleException("helm uninstall of " + req.describe() + " failed: " + HelmAccess.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(new OperationAftermath(req, storage).stopped("uninstall", latest), output);
        }
        gone = gone.with("action", "uninstalled").withMsg("uninstalled release " + req.describe() + " (" + latest.chart()
                + ", revision " + latest.revision() + ")");
        if (req.waitReady()) {
            List<String> left = ReleaseDeletion.await(conn, req.namespace(), latest.manifest(),
                    java.time.Duration.ofSeconds(req.timeoutSeconds()), ctx.progress());
            if (!left.isEmpty()) {
                return new Outcome(gone.withFailed(true).with("still_present", left).withMsg("uninstalled release " + req.describe()
                        + " but after " + req.timeoutSeconds() + " s these objects still exist: " + String.join(", ", left)), output);
            }
        }
        return new Outcome(gone, output);
    }
}
