package io.runbook.modules.helm;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.k8s.ApiLost;
import io.runbook.modules.k8s.ClusterConnection;
import io.runbook.modules.helm.ReleasePlan.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code state: present}: settles a stuck release by the task's policy, decides with {@link ReleasePlan}
 * whether anything must change, and only then asks Helm to install or upgrade. Check mode stops before Helm
 * changes anything and returns the same result shape.
 */
final class ReleaseDeploy {
    private final ModuleContext ctx;
    private ReleaseRequest req;
    private final ReleaseStorage storage;
    private final HelmAccess helm;
    private final ClusterConnection conn;
    private final List<String> steps = new ArrayList<>();
    private OperationAftermath aftermath;
    /** The local chart's CRD files, once {@link #desired} has read it. */
    private List<String> crds = List.of();
    private final ReleasePlan.Rule rule;
    private String output = "";

    ReleaseDeploy(ModuleContext ctx, ReleaseRequest req, ReleaseStorage storage, HelmAccess helm, ClusterConnection conn,
                  ReleasePlan.Rule rule) {
        this.ctx = ctx;
        this.rule = rule;
        this.req = req;
        this.storage = storage;
        this.helm = helm;
        this.conn = conn;
    }

    /** What Helm said of the install or upgrade ({@code ""} when none ran). */
    String output() {
        return output;
    }

    Result run() throws ModuleException, InterruptedException {
        req = pinned(req);
        aftermath = new OperationAftermath(req, storage);
        List<StoredRelease> history = storage.history(req.namespace(), req.name());
        StoredRelease latest = history.isEmpty() ? null : history.get(history.size() - 1);
        if (latest != null && latest.stuck()) {
            Result settled = new StuckSettlement(ctx, req, storage, helm, steps, this::predictDeployed).settle(StuckRelease.of(history));
            if (settled != null) {
                return settled;
            }
            history = storage.history(req.namespace(), req.name());
            latest = history.isEmpty() ? null : history.get(history.size() - 1);
        }
        StoredRelease deployed = latest != null && latest.deployed() ? latest : null;
        ReleasePlan.Desired desired = desired();
        ReleasePlan plan = rule.decide(deployed, desired);
        String rendered = plan.changes() || ctx.diffMode() ? render() : null;
        Result result = plan.changes() || !steps.isEmpty() ? Result.changed() : Result.ok();
        if (ctx.diffMode()) {
            result = withDiffs(result, deployed, rendered);
        }
        if (!plan.changes()) {
            String settled = steps.isEmpty() ? "" : String.join("; ", steps) + "; ";
            return describe(result, deployed, steps.isEmpty() ? "unchanged" : "rolled_back", plan).withMsg(settled + "release "
                    + req.describe() + " is up to date (" + deployed.chart() + ", revision " + deployed.revision() + ")");
        }
        if (plan.action() == Action.INSTALL && !req.createNamespace() && !storage.namespaceExists(req.namespace())) {
            // in check mode a namespace an earlier task would create exists (the run's predictions)
            throw new ModuleException("cannot install release " + req.describe() + ": namespace " + req.namespace()
                    + " does not exist: create it first or set create_namespace: true");
        }
        if (ctx.checkMode()) {
            ReleasePrediction.deployed(conn, req, latest, desired, desired.appVersion(), crds, rendered);
            String action = plan.action() == Action.INSTALL ? "install" : "upgrade";
            return describe(result, deployed, action, plan).with("chart", desired.chartName() + "-" + desired.chartVersion())
                    .withMsg("check mode: would " + action + " release " + req.describe() + " (" + String.join("; ", plan.reasons()) + ")");
        }
        return deploy(plan, desired, result, latest);
    }

    /** Check mode, a stuck release: after settling it, the task's chart and values would be deployed. */
    private void predictDeployed(StoredRelease after) throws ModuleException, InterruptedException {
        ReleasePlan.Desired desired = desired();
        ReleasePrediction.deployed(conn, req, after, desired, desired.appVersion(), crds, render());
    }

    private Result deploy(ReleasePlan plan, ReleasePlan.Desired desired, Result result, StoredRelease before)
            throws ModuleException, InterruptedException {
        boolean install = plan.action() == Action.INSTALL;
        String verb = install ? "install" : "upgrade";
        List<StoredRelease> kept = install ? storage.history(req.namespace(), req.name()) : List.of();
        if (!kept.isEmpty() && kept.get(kept.size() - 1).uninstalled()) {
            // uninstalled with --keep-history: Helm will not reuse the name while those records exist
            storage.delete(kept);
            steps.add("release was uninstalled with its history kept: removed revisions " + kept.get(0).revision()
                    + ".." + kept.get(kept.size() - 1).revision() + " so the name can be installed again");
        }
        ReleaseProgress progress = req.waitReady() ? ReleaseProgress.start(ctx, storage, req) : null;
        try (DeployFiles files = DeployFiles.of(req.values())) {
            HelmCommands commands = helm.commands(files, req.chart());
            String note = ReleasePlan.description(install ? "Install complete" : "Upgrade complete", desired.digest());
            // from here Helm writes the release: a run killed meanwhile and resumed counts this change
            ctx.madeChange();
            if (install) {
                output = commands.install(req, files, note);
            } else {
                output = commands.upgrade(req, null, files, note);
            }
        } catch (RuntimeException e) {
            ModuleException unreachable = HelmAccess.clusterUnreachable(conn, "helm " + verb + " of " + req.describe(), e);
            throw unreachable != null ? unreachable : aftermath.failure(verb, e);
        } catch (InterruptedException e) {
            ApiLost lost = progress == null ? null : progress.lost(verb, req);
            if (lost != null) {
                throw lost;
            }
            Thread.currentThread().interrupt();
            return aftermath.stopped(verb, before);
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        if (req.historyMax() > 0) {
            storage.prune(req.namespace(), req.name(), req.historyMax());
        }
        StoredRelease now = storage.latest(req.namespace(), req.name());
        String action = install ? "installed" : "upgraded";
        String settled = steps.isEmpty() ? "" : String.join("; ", steps) + "; ";
        return describe(result, now, action, plan).withMsg(settled + action + " release " + req.describe() + " to " + now.chart()
                + ", revision " + now.revision() + " " + now.status() + " (" + String.join("; ", plan.reasons()) + ")");
    }

    /**
     * An unpinned {@code repo/chart} with a {@code repo_url}, pinned to the repository's newest stable version
     * (what Helm would install), so the changed rule can compare and Helm installs what was compared.
     */
    private ReleaseRequest pinned(ReleaseRequest request) throws InterruptedException {
        ChartSource chart = request.chart();
        if (chart.kind() != ChartSource.Kind.REPOSITORY || chart.version() != null || chart.repoUrl() == null) {
            return request;
        }
        String name = chart.reference().substring(chart.reference().lastIndexOf('/') + 1);
        try {
            return RepositoryIndex.latestVersion(chart.repoUrl(), name).map(v -> request.withChart(chart.withVersion(v))).orElse(request);
        } catch (java.io.IOException | RuntimeException e) {
            ctx.warn("cannot read the index of " + chart.repoUrl() + " to pin " + name + ": " + HelmAccess.message(e));
            return request;
        }
    }

    private ReleasePlan.Desired desired() throws ModuleException {
        ChartSource chart = req.chart();
        if (!chart.isLocal()) {
            String ref = chart.reference();
            return new ReleasePlan.Desired(ref.substring(ref.lastIndexOf('/') + 1), chart.version(), null, req.values(), null);
        }
        LocalChart local;
        try {
            local = LocalChart.read(chart.localPath());
        } catch (IOException | RuntimeException e) {
            throw new ModuleException("cannot read chart " + chart.localPath() + ": " + e.getMessage());
        }
        if (chart.version() != null && !chart.version().equals(local.version())) {
            throw new ModuleException("chart " + chart.localPath() + " is version " + local.version()
                    + " but the task asks for version " + chart.version());
        }
        crds = local.crds();
        return new ReleasePlan.Desired(local.name(), local.version(), local.digest(), req.values(), local.appVersion());
    }

    /** The desired manifest (Secrets registered with the redactor before anything can print them), or null. */
    private String render() throws InterruptedException {
        try (DeployFiles files = DeployFiles.of(req.values())) {
            String manifest = helm.commands(files, req.chart()).template(req, files);
            ReleaseManifest.registerSecrets(ctx, manifest);
            return manifest;
        } catch (RuntimeException | ModuleException e) {
            if (ctx.diffMode()) {
                ctx.warn("cannot render " + req.chart().describe() + " for the diff: " + HelmAccess.message(e));
            }
            return null;
        }
    }

    private Result withDiffs(Result result, StoredRelease deployed, String rendered) {
        String label = "helm release " + req.describe();
        Map<String, Object> before = deployed == null ? Map.of() : deployed.config();
        result = result.withDiff(new Diff(label + " values", ValuesMask.yaml(before), ValuesMask.yaml(req.values())));
        if (deployed != null) {
            ReleaseManifest.registerSecrets(ctx, deployed.manifest());
        }
        if (rendered != null) {
            result = result.withDiff(new Diff(label + " manifest", deployed == null ? "" : ReleaseManifest.masked(deployed.manifest()),
                    ReleaseManifest.masked(rendered)));
        }
        return result;
    }

    private Result describe(Result result, StoredRelease release, String action, ReleasePlan plan) {
        result = result.with("name", req.name()).with("namespace", req.namespace()).with("action", action);
        if (release != null) {
            result = result.with("revision", release.revision()).with("status", release.status()).with("chart", release.chart())
                    .with("app_version", release.appVersion());
        }
        result = result.with("reasons", plan.reasons());
        if (!steps.isEmpty()) {
            result = result.with("settled", List.copyOf(steps));
        }
        if (req.returnManifest() && release != null) {
            ReleaseManifest.registerSecrets(ctx, release.manifest());
            result = result.with("manifest", ReleaseManifest.masked(release.manifest()));
        }
        return result;
    }
}
