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
final class ReleaseUninstall {
    private final ModuleContext ctx;
    private final ReleaseRequest req;
    private final ReleaseStorage storage;
    private final HelmAccess helm;
    private final ClusterConnection conn;
    private String output = "";

    ReleaseUninstall(ModuleContext ctx, ReleaseRequest req, ReleaseStorage storage, HelmAccess helm, ClusterConnection conn) {
        this.ctx = ctx;
        this.req = req;
        this.storage = storage;
        this.helm = helm;
        this.conn = conn;
    }

    /** What Helm said of the uninstall ({@code ""} when none ran). */
    String output() {
        return output;
    }

    /** {@code state: absent}: uninstalls; changed iff a release existed. */
    Result run() throws ModuleException, InterruptedException {
        List<StoredRelease> history = storage.history(req.namespace(), req.name());
        StoredRelease latest = history.isEmpty() ? null : history.get(history.size() - 1);
        Result base = Result.ok().with("name", req.name()).with("namespace", req.namespace());
        if (latest == null || latest.uninstalled()) {
            return base.with("action", "absent").withMsg("release " + req.describe() + " is not installed");
        }
        Result gone = base.withChanged(true).with("revision", latest.revision()).with("status", latest.status())
                .with("chart", latest.chart()).with("app_version", latest.appVersion());
        if (ctx.diffMode()) {
            ReleaseManifest.registerSecrets(ctx, latest.manifest());
            gone = gone.withDiff(new Diff("helm release " + req.describe() + " manifest", ReleaseManifest.masked(latest.manifest()), ""));
        }
        if (ctx.checkMode()) {
            ReleasePrediction.uninstalled(conn, history, latest);
            return gone.with("action", "uninstall").withMsg("check mode: would uninstall release " + req.describe()
                    + " (" + latest.chart() + ", revision " + latest.revision() + " " + latest.status() + ")");
        }
        try {
            output = helm.commands().uninstall(req);
        } catch (RuntimeException e) {
            ModuleException lost = HelmAccess.clusterUnreachable(conn, "helm uninstall of " + req.describe(), e);
            throw lost != null ? lost : new ModuleException("helm uninstall of " + req.describe() + " failed: " + HelmAccess.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OperationAftermath(req, storage).stopped("uninstall", latest);
        }
        gone = gone.with("action", "uninstalled").withMsg("uninstalled release " + req.describe() + " (" + latest.chart()
                + ", revision " + latest.revision() + ")");
        if (req.waitReady()) {
            List<String> left = ReleaseDeletion.await(conn, req.namespace(), latest.manifest(),
                    java.time.Duration.ofSeconds(req.timeoutSeconds()), ctx.progress());
            if (!left.isEmpty()) {
                return gone.withFailed(true).with("still_present", left).withMsg("uninstalled release " + req.describe()
                        + " but after " + req.timeoutSeconds() + " s these objects still exist: " + String.join(", ", left));
            }
        }
        return gone;
    }
}
