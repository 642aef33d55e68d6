package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code k8s_apply}'s {@code wait}: until a Deployment is available, a Job complete, a condition or field holds, an object gone. */
class K8sApplyWaitTest {
    @Test
    void waitTrueWaitsUntilTheDeploymentIsAvailable() throws Exception {
        String ns = LabHost.namespace("apply-wait");
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                """;
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            Result r = run.run(Map.of("definition", deployment, "wait", Map.of("timeout", "5m")));
            assertFalse(r.isFailed(), r.toString());
            assertNotNull(r.data().get("duration"));
        }
        assertEquals(2, LabHost.client().apps().deployments().inNamespace(ns).withName("web").get().getStatus().getAvailableReplicas());
    }

    @Test
    void waitForAConditionWatchesUntilItHolds() throws Exception {
        String ns = LabHost.namespace("apply-condition");
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            Result r = run.run(Map.of("definition", WaitPodsTest.deployment(ns, "iam", 1, "app"),
                    "wait", Map.of("condition", "Available", "status", true, "timeout", "5m")));
            assertFalse(r.isFailed(), r.toString());
        }
        assertTrue(LabHost.client().apps().deployments().inNamespace(ns).withName("iam").get().getStatus().getConditions().stream()
                .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    @Test
    void aWaitThatCannotBeMetComesLaterAndTimesOutSayingWhatItSaw() throws Exception {
        String ns = LabHost.namespace("apply-timeout");
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "a"), "data", Map.of("phase", "one"));
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            Result later = run.start(Map.of("definition", cm, "wait", Map.of("for", "data.phase == two", "timeout", "1s")));
            assertTrue(later.isLater(), "the wait holds no thread");
            Result r = later.join();
            assertTrue(r.isFailed() && r.isChanged(), r.toString());
            assertEquals("timed out after 1 s waiting for data.phase == two: ConfigMap " + ns + "/a: data.phase is one, waiting for"
                    + " data.phase == two", r.msg());
            assertEquals(List.of("created"), K8sApplyTest.actions(r));
            assertNotNull(r.data().get("duration"));
            assertFalse(run.progressLines().isEmpty(), "progress is shown while waiting");
            assertTrue(run.progressLines().get(0).startsWith("waiting for data.phase == two ("), run.progressLines().toString());
        }
    }

    @Test
    void aDeletionThatDoesNotFinishTimesOutNamingTheObject() throws Exception {
        String ns = LabHost.namespace("apply-held");
        LabHost.cluster().seed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, namespace: " + ns
                + ", finalizers: [runbook.test/hold]}\n");
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "held"));
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            Result r = run.run(Map.of("definition", cm, "state", "absent", "wait", Map.of("timeout", "1s")));
            assertTrue(r.isFailed() && r.isChanged(), r.toString());
            assertEquals("timed out after 1 s waiting for deletion: ConfigMap " + ns + "/held: still exists", r.msg());
        } finally {
            LabHost.client().configMaps().inNamespace(ns).withName("held").edit(c -> {
                c.getMetadata().setFinalizers(List.of());
                return c;
            });
        }
    }

    @Test
    void checkModeDoesNotWait() throws Exception {
        String ns = LabHost.namespace("apply-check-wait");
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "a"), "data", Map.of("phase", "one"));
        try (DirectRun run = LabHost.run(new K8sApply(), ns).check(true)) {
            Result r = run.start(Map.of("definition", cm, "wait", Map.of("for", "data.phase == two", "timeout", "10m")));
            assertFalse(r.isLater() || r.isFailed(), r.toString());
            assertEquals("1 created (dry run)", r.msg());
            assertNull(r.data().get("duration"));
        }
    }

    @Test
    void waitTrueOnAJobWaitsUntilItCompletes() throws Exception {
        String ns = LabHost.namespace("apply-job");
        String job = """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: backup}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: backup, image: postgres:16}]
                """;
        try (DirectRun run = LabHost.run(new K8sApply(), ns)) {
            Result r = run.run(Map.of("definition", job, "wait", Map.of("timeout", "5m")));
            assertFalse(r.isFailed(), r.toString());
        }
        assertTrue(LabHost.client().batch().v1().jobs().inNamespace(ns).withName("backup").get().getStatus().getConditions().stream()
                .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())));
    }
}
