package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
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

class VerifyEdgeLogsTest {
    static final String HEALTHY = "info\tstream\tconnected to central at tsb.example.com:9443";

    /** An edge Deployment with two pods of two containers each, running, in a fresh namespace. */
    static String edgeNamespace(String prefix) throws InterruptedException {
        String ns = LabHost.namespace(prefix);
        LabHost.cluster().seed("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: edge, namespace: %s}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: edge}}
                  template:
                    metadata: {labels: {app: edge}}
                    spec: {containers: [{name: edge, image: xcp/edge}, {name: istio-proxy, image: istio/proxyv2}]}
                """.formatted(ns));
        LabHost.eventually(Duration.ofMinutes(5), () -> pods(ns).size() == 2);
        return ns;
    }

    static List<Pod> pods(String ns) {
        return LabHost.client().pods().inNamespace(ns).withLabel("app", "edge").list().getItems().stream()
                .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    static void log(String ns, Pod pod, String container, String line) {
        LabHost.cluster().appendPodLog(ns, pod.getMetadata().getName(), container, line);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> category(Result r, String name) {
        return (Map<String, Object>) ((Map<String, Object>) r.data().get("categories")).get(name);
    }

    @Test
    void readsEveryPodAndContainerAndNamesTheCategoryAndRemedy() throws Exception {
        String ns = edgeNamespace("edge-tls");
        List<Pod> pods = pods(ns);
        log(ns, pods.get(0), "edge", HEALTHY);
        log(ns, pods.get(1), "istio-proxy", LogClassificationTest.TLS_SAN);
        log(ns, pods.get(1), "istio-proxy", LogClassificationTest.TLS_SAN);
        try (DirectRun run = LabHost.run(new VerifyEdgeLogs(), ns)) {
            Result r = run.run(Map.of("namespace", ns));
            assertTrue(r.isFailed());
            assertFalse(r.isChanged());
            assertEquals(4, ((List<?>) r.data().get("pods")).size(), "2 pods x 2 containers");
            assertEquals(2, category(r, LogCategory.TLS).get("count"));
            assertTrue(String.valueOf(category(r, LogCategory.TLS).get("examples")).contains(pods.get(1).getMetadata().getName() + "/istio-proxy"));
            assertTrue(r.msg().startsWith("deployment edge logs in " + ns + " show tls (2 lines)"), r.msg());
            assertTrue(r.msg().contains("root CA"), r.msg());
        }
    }

    @Test
    void cleanLogsPassAndHealthyPatternsMustAppear() throws Exception {
        String ns = edgeNamespace("edge-ok");
        log(ns, pods(ns).get(0), "edge", HEALTHY);
        try (DirectRun run = LabHost.run(new VerifyEdgeLogs(), ns)) {
            Result ok = run.run(Map.of("namespace", ns, "healthy_patterns", List.of("connected to central")));
            assertFalse(ok.isFailed(), ok.toString());
            assertEquals(true, ok.data().get("healthy_found"));
            Result missing = run.run(Map.of("namespace", ns, "healthy_patterns", List.of("XCP_ACCEPTED")));
            assertTrue(missing.isFailed());
            assertTrue(missing.msg().contains("no line matches the healthy patterns"), missing.msg());
        }
    }

    @Test
    void checkModeGivesTheSameAnswer() throws Exception {
        String ns = edgeNamespace("edge-check");
        log(ns, pods(ns).get(0), "edge", LogClassificationTest.DNS);
        try (DirectRun real = LabHost.run(new VerifyEdgeLogs(), ns); DirectRun check = LabHost.run(new VerifyEdgeLogs(), ns).check(true)) {
            Result a = real.run(Map.of("namespace", ns));
            Result b = check.run(Map.of("namespace", ns));
            assertEquals(a.toMap(), b.toMap());
            assertEquals(1, category(a, LogCategory.MP_UNREACHABLE).get("count"));
        }
    }

    @Test
    void tokenErrorsAreMaskedAndPointAtTokenRotation() throws Exception {
        String ns = edgeNamespace("edge-token");
        log(ns, pods(ns).get(1), "edge", LogClassificationTest.UNAUTHENTICATED);
        try (DirectRun run = LabHost.run(new VerifyEdgeLogs(), ns)) {
            Result r = run.run(Map.of("namespace", ns, "fail_on_match", false));
            assertFalse(r.isFailed());
            assertEquals(1, r.data().get("matched"));
            assertFalse(r.toString().contains("eyJhbGciOiJSUzI1NiJ9"), r.toString());
            assertTrue(String.valueOf(category(r, LogCategory.TOKEN).get("remedy")).contains("xcp-edge-central-auth-token"));
        }
    }

    @Test
    void customPatternsReplaceTheDefaultsAndSelectorsPickPods() throws Exception {
        String ns = edgeNamespace("edge-custom");
        log(ns, pods(ns).get(0), "edge", "warn\tsync\tdropped 3 configs");
        log(ns, pods(ns).get(0), "edge", LogClassificationTest.DNS);
        try (DirectRun run = LabHost.run(new VerifyEdgeLogs(), ns)) {
            Result r = run.run(Map.of("namespace", ns, "selector", "app=edge", "error_patterns",
                    List.of(Map.of("category", "sync", "pattern", "dropped \\d+ configs", "remedy", "restart edge"))));
            assertTrue(r.isFailed());
            assertEquals(1, r.data().get("matched"), "the defaults no longer apply");
            assertTrue(r.msg().startsWith("pods app=edge logs in " + ns + " show sync (1 lines)") && r.msg().endsWith("remedy: restart edge"), r.msg());
        }
    }

    @Test
    void aMissingDeploymentSaysSo() throws Exception {
        String ns = LabHost.namespace("edge-none");
        try (DirectRun run = LabHost.run(new VerifyEdgeLogs(), ns)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("namespace", ns)));
            assertEquals("deployment edge not found in " + ns + "; is the control plane installed?", e.getMessage());
        }
    }

    @Test
    void badArgumentsAreReportedWithTheirPosition() {
        try (DirectRun run = LabHost.run(new VerifyEdgeLogs(), "default")) {
            UserError regex = assertThrows(UserError.class, () -> run.run(Map.of("healthy_patterns", List.of("conn(ected"))));
            assertTrue(regex.format().contains("healthy_patterns") && regex.format().contains("conn(ected"), regex.format());
            UserError since = assertThrows(UserError.class, () -> run.run(Map.of("since", "yesterday")));
            assertTrue(since.format().contains("since"), since.format());
        }
    }

    @Test
    void anUnreachableClusterMakesTheHostUnreachable(@TempDir Path dir) throws Exception {
        try (DirectRun run = LabHost.unreachable(new VerifyEdgeLogs(), dir)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of()));
            assertTrue(e.isUnreachable(), e.getMessage());
        }
    }
}
