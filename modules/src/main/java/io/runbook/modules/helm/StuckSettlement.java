package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.k8s.ApiLost;
import java.util.List;

/**
 * Settles a stuck release by the task's {@code stuck} policy before it is deployed: fail and explain, roll back
 * to the last deployed revision, or uninstall it (so it is installed again). A release that was never deployed
 * is uninstalled under {@code rollback} too ({@link StuckRelease}). Each step taken is added to {@code steps},
 * which the task's result reports.
 */
final class StuckSettlement {
    private final ModuleContext ctx;
    private final ReleaseRequest req;
    private final ReleaseStorage storage;
    private final HelmAccess helm;
    private final OperationAftermath aftermath;
    private final List<String> steps;
    private final Prediction prediction;

    /** Check mode: records what the release would be once settled and deployed (the run's predicted objects). */
    interface Prediction {
        void deployed(StoredRelease after) throws ModuleException, InterruptedException;
    }

    StuckSettlement(ModuleContext ctx, ReleaseRequest req, ReleaseStorage storage, HelmAccess helm, List<String> steps,
            Prediction prediction) {
        this.ctx = ctx;
        this.req = req;
        this.storage = storage;
        this.helm = helm;
        this.aftermath = new OperationAftermath(req, storage);
        this.steps = steps;
        this.prediction = prediction;
    }

    /** Applies the policy; a non-null result ends the task (a failure, a check-mode prediction, or a stop). */
    Result settle(StuckRelease stuck) throws ModuleException, InterruptedException {
        StoredRelease s = stuck.stuck();
        Result facts = Result.failed(null).with("name", req.name()).with("namespace", req.namespace())
                .with("revision", s.revision()).with("status", s.status()).with("chart", s.chart());
        return switch (stuck.effective(req.stuck())) {
            case FAIL -> facts.withMsg(stuck.report());
            case ROLLBACK -> rollback(stuck, facts);
            case UNINSTALL -> reinstall(stuck, facts);
        };
    }

    private Result rollback(StuckRelease stuck, Result facts) throws ModuleException, InterruptedException {
        StoredRelease s = stuck.stuck();
        if (stuck.lastDeployed() == null) {
            return facts.withMsg(stuck.noRollbackTarget());
        }
        int target = stuck.lastDeployed().revision();
        if (ctx.checkMode()) {
            prediction.deployed(s);
            return facts.withFailed(false).withChanged(true).with("action", "rollback").withMsg("check mode: would mark revision "
                    + s.revision() + " (" + s.status() + ") failed, roll back to revision " + target
                    + " and then deploy " + req.chart().describe());
        }
        storage.markFailed(s, stuck.failedNote());
        String verb = "rollback to revision " + target + " (stuck: rollback)";
        ReleaseProgress progress = req.waitReady() ? ReleaseProgress.start(ctx, storage, req) : null;
        try (DeployFiles files = DeployFiles.of(stuck.lastDeployed().config())) {
            helm.commands().upgrade(req, stuck.rollbackChart(files.resolve("rollback-chart")), files, stuck.rollbackNote());
        } catch (RuntimeException e) {
            throw aftermath.failure(verb, e);
        } catch (InterruptedException e) {
            ApiLost lost = progress == null ? null : progress.lost(verb, req);
            if (lost != null) {
                throw lost;
            }
            Thread.currentThread().interrupt();
            return aftermath.stopped(verb, s);
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        steps.add("revision " + s.revision() + " was " + s.status() + ": marked failed and rolled back to revision " + target);
        return null;
    }

    private Result reinstall(StuckRelease stuck, Result facts) throws ModuleException, InterruptedException {
        StoredRelease s = stuck.stuck();
        String policy = req.stuck().name().toLowerCase(java.util.Locale.ROOT);
        if (ctx.checkMode()) {
            prediction.deployed(null);
            return facts.withFailed(false).withChanged(true).with("action", "reinstall").withMsg("check mode: would uninstall "
                    + req.describe() + " (revision " + s.revision() + " is " + s.status()
                    + (stuck.everDeployed() ? "" : ", never deployed") + ") and install it again");
        }
        String verb = "uninstall (stuck: " + policy + ")";
        try {
            helm.commands().uninstall(req);
        } catch (RuntimeException e) {
            throw aftermath.failure(verb, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return aftermath.stopped(verb, s);
        }
        ctx.warn("release " + req.describe() + ": " + (stuck.everDeployed() ? "revision " + s.revision() + " was " + s.status()
                + ": uninstalled the release to install it again (stuck: " + policy + ")" : stuck.neverDeployedNote()));
        steps.add(stuck.everDeployed() ? "revision " + s.revision() + " was " + s.status() + ": release uninstalled"
                : stuck.neverDeployedNote());
        return null;
    }
}
