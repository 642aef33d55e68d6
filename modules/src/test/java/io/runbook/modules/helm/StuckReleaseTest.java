package io.runbook.modules.helm;

import static io.runbook.modules.helm.HelmLab.args;
import static io.runbook.modules.helm.HelmLab.client;
import static io.runbook.modules.helm.HelmLab.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release left in pending-upgrade (as an interrupted upgrade leaves it) and each {@code stuck:} policy. */
class StuckReleaseTest {

    private static String installThenInterruptUpgrade(DirectRun run, String ns, String chart) throws Exception {
        Result installed = run.run(args("name", "mp", "chart", chart, "values", Map.of("message", "before")));
        assertTrue(installed.isChanged(), installed.toString());
        HelmLab.leaveStuck(ns, "mp", "pending-upgrade");
        return chart;
    }

    private static List<String> statuses(String ns) {
        return history(ns, "mp").stream().map(r -> r.revision() + ":" + r.status()).toList();
    }

    @Test
    void helmItselfRefusesToUpgradeTheStuckRelease(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("refuse");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = installThenInterruptUpgrade(run, ns, HelmLab.chartCopy(dir).toString());
            ReleaseRequest req = new ReleaseRequest("mp", ns, true, ChartSource.of(chart, null, null, dir, io.runbook.engine.vars.HomeDir.of(System.getenv())), Map.of(),
                    false, false, 60, false, ReleaseRequest.StuckPolicy.FAIL, false, 10, HelmFlags.NONE);
            HelmCommands helm = new HelmCommands(new HelmCommands.Connection(
                    withCurrentContext(HelmLab.lab().kubeconfigYaml(), HelmLab.CLUSTER), null));
            try (DeployFiles files = DeployFiles.of(Map.of())) {
                RuntimeException e = assertThrows(RuntimeException.class, () -> helm.upgrade(req, null, files, "x"));
                assertTrue(e.getMessage().contains("another operation"), e.getMessage());
            }
        }
    }

    @Test
    void stuckFailReportsRevisionStatusAndTheWayOutAndTouchesNothing(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("fail");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = installThenInterruptUpgrade(run, ns, HelmLab.chartCopy(dir).toString());
            Result r = run.run(args("name", "mp", "chart", chart, "values", Map.of("message", "after")));
            assertTrue(r.isFailed());
            assertFalse(r.isChanged());
            assertEquals(2, r.data().get("revision"));
            assertEquals("pending-upgrade", r.data().get("status"));
            assertTrue(r.msg().contains("revision 2 (demo-0.1.0) is pending-upgrade"), r.msg());
            assertTrue(r.msg().contains("last deployed is revision 1"), r.msg());
            assertTrue(r.msg().contains("another operation is in progress"), r.msg());
            assertTrue(r.msg().contains("stuck: rollback to return to revision 1") && r.msg().contains("stuck: uninstall"), r.msg());
            assertEquals(List.of("1:deployed", "2:pending-upgrade"), statuses(ns));
        }
    }

    @Test
    void stuckRollbackMarksTheRevisionFailedReturnsToTheLastDeployedAndThenDeploys(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("rollback");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = installThenInterruptUpgrade(run, ns, HelmLab.chartCopy(dir).toString());
            Map<String, Object> args = args("name", "mp", "chart", chart, "values", Map.of("message", "after"), "stuck", "rollback");

            Result predicted = run.check(true).run(args);
            assertTrue(predicted.isChanged() && !predicted.isFailed(), predicted.toString());
            assertEquals("rollback", predicted.data().get("action"));
            assertEquals(List.of("1:deployed", "2:pending-upgrade"), statuses(ns), "check mode settled nothing");

            Result r = run.check(false).run(args);
            assertTrue(r.isChanged() && !r.isFailed(), r.toString());
            assertEquals(List.of("1:superseded", "2:failed", "3:superseded", "4:deployed"), statuses(ns));
            assertTrue(history(ns, "mp").get(2).description().startsWith("Rollback to 1"), history(ns, "mp").get(2).description());
            assertEquals("demo-0.1.0", history(ns, "mp").get(2).chart());
            assertEquals(4, r.data().get("revision"));
            assertTrue(String.valueOf(r.data().get("settled")).contains("rolled back to revision 1"));
            assertEquals("after", client().configMaps().inNamespace(ns).withName("mp-config").get().getData().get("message"));
            assertFalse(run.run(args).isChanged(), "once settled and deployed, the release is current");
        }
    }

    @Test
    void aRollbackToWhatTheTaskWantsNeedsNoFurtherUpgrade(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("back");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = installThenInterruptUpgrade(run, ns, HelmLab.chartCopy(dir).toString());
            Result r = run.run(args("name", "mp", "chart", chart, "values", Map.of("message", "before"), "stuck", "rollback"));
            assertTrue(r.isChanged() && !r.isFailed(), "a rollback is a change: " + r);
            assertEquals("rolled_back", r.data().get("action"));
            assertEquals(List.of("1:superseded", "2:failed", "3:deployed"), statuses(ns));
            assertEquals(3, r.data().get("revision"));
            assertTrue(r.msg().startsWith("revision 2 was pending-upgrade: marked failed and rolled back to revision 1; release "),
                    r.msg());
            assertFalse(run.run(args("name", "mp", "chart", chart, "values", Map.of("message", "before"))).isChanged());
        }
    }

    @Test
    void stuckUninstallRemovesTheReleaseAndInstallsItAgain(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("reinstall");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = installThenInterruptUpgrade(run, ns, HelmLab.chartCopy(dir).toString());
            Result r = run.run(args("name", "mp", "chart", chart, "values", Map.of("message", "after"), "stuck", "uninstall"));
            assertTrue(r.isChanged() && !r.isFailed(), r.toString());
            assertEquals("installed", r.data().get("action"));
            assertEquals(List.of("1:deployed"), statuses(ns));
            assertTrue(String.valueOf(r.data().get("settled")).contains("revision 2 was pending-upgrade: release uninstalled"));
            assertEquals("after", client().configMaps().inNamespace(ns).withName("mp-config").get().getData().get("message"));
        }
    }

    @Test
    void aFirstInstallThatNeverFinishedIsUninstalledAndInstalledAgainUnderRollback(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("first");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = HelmLab.chartCopy(dir).toString();
            run.run(args("name", "mp", "chart", chart));
            HelmLab.setStatus(ns, "mp", 1, "pending-install"); // as a crash during the first install leaves it
            Result failed = run.run(args("name", "mp", "chart", chart));
            assertTrue(failed.isFailed(), "stuck: fail still stops: " + failed);
            assertTrue(failed.msg().contains("no earlier revision is deployed") && failed.msg().contains("Set stuck: rollback or stuck: uninstall"),
                    failed.msg());

            Result predicted = run.check(true).run(args("name", "mp", "chart", chart, "stuck", "rollback"));
            assertTrue(predicted.isChanged() && !predicted.isFailed(), predicted.toString());
            assertTrue(predicted.msg().contains("would uninstall " + ns + "/mp (revision 1 is pending-install, never deployed) and install it again"),
                    predicted.msg());
            assertEquals(List.of("1:pending-install"), statuses(ns), "check mode settled nothing");

            Result r = run.check(false).run(args("name", "mp", "chart", chart, "stuck", "rollback"));
            assertTrue(r.isChanged() && !r.isFailed(), r.toString());
            assertEquals("installed", r.data().get("action"));
            assertTrue(r.msg().startsWith("revision 1 was pending-install and no revision was ever deployed (an install that did not"
                    + " finish): uninstalled the unfinished release to install it again; installed release "), r.msg());
            assertEquals(List.of("1:deployed"), statuses(ns));
            assertFalse(run.run(args("name", "mp", "chart", chart, "stuck", "rollback")).isChanged());
        }
    }

    @Test
    void aFailedReleaseWithNothingDeployedNowButDeployedOnceCannotBeRolledBack(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("once");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = HelmLab.chartCopy(dir).toString();
            installThenInterruptUpgrade(run, ns, chart);
            HelmLab.setStatus(ns, "mp", 1, "superseded");
            Result r = run.run(args("name", "mp", "chart", chart, "stuck", "rollback"));
            assertTrue(r.isFailed());
            assertTrue(r.msg().contains("nothing to roll back to") && r.msg().contains("stuck: uninstall"), r.msg());
            assertEquals(List.of("1:superseded", "2:pending-upgrade"), statuses(ns));
        }
    }

    @Test
    void aReleaseUninstalledWithItsHistoryKeptIsInstalledAgain(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("kept");
        try (DirectRun run = HelmLab.run(ns)) {
            String chart = HelmLab.chartCopy(dir).toString();
            run.run(args("name", "mp", "chart", chart));
            HelmLab.setStatus(ns, "mp", 1, "uninstalled"); // as helm uninstall --keep-history leaves it
            assertFalse(run.run(args("name", "mp", "state", "absent")).isChanged(), "an uninstalled release is absent");

            Result r = run.run(args("name", "mp", "chart", chart));
            assertTrue(r.isChanged() && !r.isFailed(), r.toString());
            assertEquals("installed", r.data().get("action"));
            assertTrue(String.valueOf(r.data().get("settled")).contains("uninstalled with its history kept"), r.toString());
            assertEquals(List.of("1:deployed"), statuses(ns));
        }
    }

    @Test
    void absentUninstallsAStuckRelease(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("gone");
        try (DirectRun run = HelmLab.run(ns)) {
            installThenInterruptUpgrade(run, ns, HelmLab.chartCopy(dir).toString());
            Result r = run.run(args("name", "mp", "state", "absent"));
            assertTrue(r.isChanged());
            assertEquals("pending-upgrade", r.data().get("status"));
            assertTrue(history(ns, "mp").isEmpty());
        }
    }

    /** The lab's kubeconfig with {@code context} current: helm-java takes contents, not a context. */
    @SuppressWarnings("unchecked")
    private static String withCurrentContext(String yaml, String context) {
        Map<String, Object> config = new java.util.LinkedHashMap<>((Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
                org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(yaml));
        config.put("current-context", context);
        return new org.snakeyaml.engine.v2.api.Dump(org.snakeyaml.engine.v2.api.DumpSettings.builder().build()).dumpToString(config);
    }
}
