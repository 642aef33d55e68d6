package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitPodsTest {
    static String deployment(String ns, String name, int replicas, String labelKey) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  replicas: %3$d
                  selector: {matchLabels: {%4$s: %2$s}}
                  template:
                    metadata: {labels: {%4$s: %2$s}}
                    spec: {containers: [{name: %2$s, image: "tetrate/%2$s:1.9"}]}
                """.formatted(ns, name, replicas, labelKey);
    }

    @Test
    void waitsUntilEverySelectedPodIsReadyShowingProgress() throws Exception {
        String ns = LabHost.namespace("pods");
        // oap's pod is held starting until the wait has shown progress: the wait is seen waiting, whatever the load
        LabHost.cluster().failPods(ns, Map.of("app", "oap"), "ContainerCreating", "");
        LabHost.cluster().seed(deployment(ns, "central", 2, "app") + "---\n" + deployment(ns, "oap", 1, "app"));
        java.util.concurrent.ExecutorService waiter = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            java.util.concurrent.Future<Result> waiting = waiter.submit(
                    () -> run.run(Map.of("selector", "app in (central, oap)", "expected", 3, "timeout", "5m")));
            LabHost.eventually(Duration.ofMinutes(5), () -> waiting.isDone() || run.progressLines().stream()
                    .anyMatch(l -> l.matches(ns + ": \\d+/\\d+ ready \\(\\d+ s\\)( — waiting: .*)?")));
            assertFalse(waiting.isDone(), "the wait ended while a pod was held starting");
            LabHost.cluster().clearPodFailures(ns);
            Result r = waiting.get();
            assertFalse(r.isFailed(), r.toString());
            assertFalse(r.isChanged());
            assertEquals(3, r.data().get("ready"));
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void namedDeploymentsAreWaitedForByTheirRolloutRules() throws Exception {
        String ns = LabHost.namespace("pods-deploy");
        LabHost.cluster().seed(deployment(ns, "tsb-operator-management-plane", 1, "name"));
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            Result r = run.run(Map.of("deployments", List.of("tsb-operator-management-plane"), "timeout", "5m"));
            assertFalse(r.isFailed(), r.toString());
            assertEquals(1, r.data().get("total"), "the deployment's pods are shown");
        }
    }

    @Test
    void namedStatefulSetsAreWaitedForUntilEveryReplicaIsReady() throws Exception {
        String ns = LabHost.namespace("pods-sts");
        LabHost.cluster().seed("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: tsb-postgres, namespace: %s}
                spec:
                  replicas: 2
                  serviceName: tsb-postgres
                  selector: {matchLabels: {app: tsb-postgres}}
                  template:
                    metadata: {labels: {app: tsb-postgres}}
                    spec: {containers: [{name: postgres, image: postgres:16}]}
                """.formatted(ns));
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            Result r = run.run(Map.of("statefulsets", List.of("tsb-postgres"), "timeout", "5m"));
            assertFalse(r.isFailed(), r.toString());
        }
        assertEquals(2, LabHost.client().apps().statefulSets().inNamespace(ns).withName("tsb-postgres").get().getStatus().getReadyReplicas());
    }

    @Test
    void aSelectorThatMatchesNothingFailsAfterTheGracePeriodNotTheTimeout() throws Exception {
        String ns = LabHost.namespace("pods-none");
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            long start = System.currentTimeMillis();
            Result r = run.run(Map.of("selector", "app=nothing", "zero_matches_grace", "1s"));
            assertTrue(r.isFailed());
            assertTrue(System.currentTimeMillis() - start < 300_000, "did not wait the 600 s timeout");
            assertTrue(r.msg().startsWith("nothing matches pods app=nothing in " + ns + " after 1 s"), r.msg());
            Result missing = run.run(Map.of("deployments", List.of("edge"), "zero_matches_grace", "1s"));
            assertTrue(missing.msg().contains("Deployment edge not found"), missing.msg());
        }
    }

    @Test
    void zeroMatchesWaitKeepsWaitingUntilTheTimeout() throws Exception {
        String ns = LabHost.namespace("pods-zero-wait");
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            Result r = run.run(Map.of("selector", "app=later", "zero_matches", "wait", "zero_matches_grace", "0s", "timeout", "2s"));
            assertTrue(r.isFailed());
            assertTrue(r.msg().startsWith("timed out after 2 s"), r.msg());
        }
    }

    @Test
    void onTimeoutEachUnreadyPodIsListedWithItsReason() throws Exception {
        String ns = LabHost.namespace("pods-stuck");
        LabHost.cluster().failPods(ns, Map.of("app", "web"), "ImagePullBackOff", "Back-off pulling image \"tetrate/web:1.9\"");
        LabHost.cluster().seed(deployment(ns, "web", 1, "app") + "---\n" + deployment(ns, "iam", 1, "app"));
        // iam is ready before the wait starts, however slow the machine: the wait's own timeout is then all about web
        LabHost.eventually(Duration.ofMinutes(5), () -> LabHost.client().pods().inNamespace(ns).withLabel("app", "iam").list()
                .getItems().stream().anyMatch(p -> p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))));
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            Result r = run.run(Map.of("timeout", "3s"));
            assertTrue(r.isFailed());
            assertTrue(r.msg().contains("timed out after 3 s") && r.msg().contains("(1/2 ready)"), r.msg());
            assertTrue(r.msg().matches(".*web-[a-z0-9]+-[a-z0-9]+: container web waiting: ImagePullBackOff.*"), r.msg());
            assertEquals(1, ((List<?>) r.data().get("not_ready")).size());
            assertTrue(run.progressLines().stream().anyMatch(l -> l.endsWith("— waiting: web")), run.progressLines().toString());
        }
    }

    @Test
    void aPodsLatestWarningEventIsAddedWhenItSaysMore() throws Exception {
        String ns = LabHost.namespace("pods-events");
        LabHost.cluster().failPods(ns, Map.of("app", "edge"), "ContainerCreating", "");
        LabHost.cluster().seed(deployment(ns, "edge", 1, "app"));
        LabHost.eventually(Duration.ofMinutes(5), () -> !LabHost.client().pods().inNamespace(ns).list().getItems().isEmpty());
        String pod = LabHost.client().pods().inNamespace(ns).list().getItems().get(0).getMetadata().getName();
        LabHost.cluster().seed("""
                apiVersion: v1
                kind: Event
                metadata: {name: %2$s.mount, namespace: %1$s}
                involvedObject: {apiVersion: v1, kind: Pod, name: %2$s, namespace: %1$s}
                type: Warning
                reason: FailedMount
                message: 'MountVolume.SetUp failed for volume "xcp-central-auth-jwt" : secret "xcp-edge-central-auth-token" not found'
                lastTimestamp: "2030-01-01T00:00:00Z"
                """.formatted(ns, pod));
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            Result r = run.run(Map.of("selector", "app=edge", "timeout", "2s"));
            assertTrue(r.isFailed());
            assertTrue(r.msg().contains(pod + ": container edge waiting: ContainerCreating; last warning: FailedMount: MountVolume.SetUp failed for volume"),
                    r.msg());
        }
    }

    @Test
    void checkModeReportsTheStateWithoutWaiting() throws Exception {
        String ns = LabHost.namespace("pods-check");
        LabHost.cluster().failPods(ns, Map.of("app", "slow"), "ContainerCreating", "pulling");
        LabHost.cluster().seed(deployment(ns, "slow", 1, "app"));
        try (DirectRun run = LabHost.run(new WaitPods(), ns).check(true)) {
            Result r = run.run(Map.of("selector", "app=slow", "timeout", "5m"));
            assertFalse(r.isFailed());
            assertFalse(r.isChanged());
            assertTrue(r.msg().startsWith("check mode, not waiting"), r.msg());
        }
    }

    @Test
    void followLogsStreamsTheOperatorLogWhileWaiting() throws Exception {
        String ns = LabHost.namespace("pods-follow");
        LabHost.cluster().failPods(ns, Map.of("app", "stuck"), "CrashLoopBackOff", "back-off");
        LabHost.cluster().seed(deployment(ns, "tsb-operator", 1, "name") + "---\n" + deployment(ns, "stuck", 1, "app"));
        LabHost.eventually(Duration.ofMinutes(5), () -> LabHost.client().pods().inNamespace(ns).withLabel("name", "tsb-operator").list().getItems()
                .stream().anyMatch(p -> "Running".equals(p.getStatus().getPhase())));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        // the operator logs while the module waits (again and again, so no line is lost before the stream is open)
        Thread writer = new Thread(() -> {
            try {
                while (!done.get()) {
                    LabHost.cluster().appendPodLogs(ns, Map.of("name", "tsb-operator"), null, "info\treconcile\tinstalled component central password=hunter22");
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (DirectRun run = LabHost.run(new WaitPods(), ns)) {
            writer.start();
            Result r;
            try {
                r = run.run(Map.of("selector", "app=stuck", "timeout", "20s", "follow_logs", "name=tsb-operator"));
            } finally {
                done.set(true);
            }
            assertTrue(r.isFailed());
            assertTrue(run.progressLines().stream().anyMatch(l -> l.matches("\\[tsb-operator-.*/tsb-operator] .*installed component central password=\\*+")),
                    run.progressLines().toString());
            assertFalse(run.progressLines().toString().contains("hunter22"));
        } finally {
            writer.join();
        }
    }

    @Test
    void badArgumentsAreReportedWithTheirPosition() {
        try (DirectRun run = LabHost.run(new WaitPods(), "default")) {
            UserError both = assertThrows(UserError.class, () -> run.run(Map.of("min_ready", 1, "expected", 2)));
            assertTrue(both.format().contains("min_ready") && both.format().contains("expected"), both.format());
            UserError policy = assertThrows(UserError.class, () -> run.run(Map.of("zero_matches", "maybe")));
            assertTrue(policy.format().contains("zero_matches"), policy.format());
            UserError negative = assertThrows(UserError.class, () -> run.run(Map.of("min_ready", -1)));
            assertTrue(negative.format().contains("min_ready"), negative.format());
        }
    }

    @Test
    void anUnreachableClusterMakesTheHostUnreachable(@TempDir Path dir) throws Exception {
        try (DirectRun run = LabHost.unreachable(new WaitPods(), dir)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("selector", "app=x")));
            assertTrue(e.isUnreachable(), e.getMessage());
        }
    }
}
