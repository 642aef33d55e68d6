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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sInfoTest {
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resources(Result r) {
        return (List<Map<String, Object>>) r.data().get("resources");
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(FieldPath.read(object, "metadata.name").orElse(null));
    }

    @Test
    void listsBySelectorAndNeverReportsAChange() throws Exception {
        String ns = LabHost.namespace("info");
        LabHost.cluster().seed("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, namespace: %1$s, labels: {app: tsb}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b, namespace: %1$s, labels: {app: other}}
                """.formatted(ns));
        try (DirectRun run = LabHost.run(new K8sInfo(), ns)) {
            Result r = run.run(Map.of("kind", "ConfigMap", "label_selectors", List.of("app=tsb")));
            assertFalse(r.isChanged());
            assertEquals(true, r.data().get("api_found"));
            assertEquals(List.of("a"), resources(r).stream().map(K8sInfoTest::name).toList());
            assertFalse(r.toString().contains("managedFields"));
            Result byName = run.run(Map.of("kind", "ConfigMap", "name", "b"));
            assertEquals(List.of("b"), resources(byName).stream().map(K8sInfoTest::name).toList());
            Result byField = run.run(Map.of("kind", "ConfigMap", "field_selectors", List.of("metadata.name=b")));
            assertEquals(List.of("b"), resources(byField).stream().map(K8sInfoTest::name).toList());
        }
    }

    @Test
    void checkModeReadsTheSameAndChangesNothing() throws Exception {
        String ns = LabHost.namespace("info-check");
        LabHost.cluster().seed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: " + ns + "}\n");
        try (DirectRun run = LabHost.run(new K8sInfo(), ns).check(true)) {
            Result r = run.run(Map.of("kind", "ConfigMap", "name", "a"));
            assertFalse(r.isChanged());
            assertEquals(1, resources(r).size());
        }
    }

    @Test
    void anUnknownKindIsApiFoundFalseNotAnError() throws Exception {
        try (DirectRun run = LabHost.run(new K8sInfo(), "default")) {
            Result r = run.run(Map.of("kind", "ManagementPlane", "api_version", "install.tetrate.io/v1alpha1"));
            assertFalse(r.isFailed());
            assertEquals(false, r.data().get("api_found"));
            assertEquals(List.of(), resources(r));
        }
    }

    @Test
    void kindsAreFoundInTheirGroupWithoutAnApiVersion() throws Exception {
        String ns = LabHost.namespace("info-group");
        try (DirectRun run = LabHost.run(new K8sInfo(), ns)) {
            Result r = run.run(Map.of("kind", "Deployment"));
            assertEquals(true, r.data().get("api_found"));
        }
    }

    @Test
    void aTaskWrittenForKubernetesCoreLooksForTheKindAtV1Only() throws Exception {
        String ns = LabHost.namespace("info-core");
        try (DirectRun run = LabHost.run(new K8sInfo(), ns)) {
            // the lab serves HorizontalPodAutoscaler as autoscaling/v2 only: the engine's own form finds it there
            assertEquals(true, run.run(Map.of("kind", "HorizontalPodAutoscaler")).data().get("api_found"));
            // wait_timeout is kubernetes.core's argument: api_version is then its default, v1, as kubernetes.core reads it
            Result core = run.run(Map.of("kind", "HorizontalPodAutoscaler", "wait_timeout", 10));
            assertFalse(core.isFailed());
            assertEquals(false, core.data().get("api_found"));
            assertEquals("Failed to find API for resource with apiVersion \"v1\" and kind \"HorizontalPodAutoscaler\"", core.msg());
            assertEquals(true, run.run(Map.of("kind", "Deployment", "wait_timeout", 10)).data().get("api_found"));
        }
    }

    @Test
    void secretValuesAreReadableButRegisteredForRedaction() throws Exception {
        String ns = LabHost.namespace("info-secret");
        LabHost.cluster().seed("apiVersion: v1\nkind: Secret\nmetadata: {name: iam-signing-key, namespace: " + ns + "}\nstringData: {kid: kid-0123456789}\n");
        try (DirectRun run = LabHost.run(new K8sInfo(), ns)) {
            Result r = run.run(Map.of("kind", "Secret", "name", "iam-signing-key"));
            Object kid = FieldPath.read(resources(r).get(0), "data.kid").orElse(null);
            assertEquals(SecretMaskTest.b64("kid-0123456789"), String.valueOf(kid));
            assertTrue(kid instanceof io.runbook.engine.vars.SecretText, "typed as secret: what templates derive stays secret");
            assertTrue(run.secrets().contains("kid-0123456789"));
        }
    }

    @Test
    void waitsUntilTheLoadBalancerHasAnAddress() throws Exception {
        String ns = LabHost.namespace("info-wait");
        LabHost.cluster().seed("""
                apiVersion: v1
                kind: Service
                metadata: {name: envoy, namespace: %s}
                spec: {type: LoadBalancer, ports: [{port: 8443}], selector: {app: envoy}}
                """.formatted(ns));
        try (DirectRun run = LabHost.run(new K8sInfo(), ns)) {
            Result r = run.run(Map.of("kind", "Service", "name", "envoy", "wait", Map.of("for", "status.loadBalancer.ingress[0]", "timeout", "5m")));
            assertFalse(r.isFailed(), r.toString());
            assertTrue(FieldPath.read(resources(r).get(0), "status.loadBalancer.ingress[0].ip").isPresent(), r.toString());
        }
    }

    @Test
    void aWaitThatCannotBeMetTimesOutSayingWhatItSaw() throws Exception {
        String ns = LabHost.namespace("info-timeout");
        LabHost.cluster().seed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: " + ns + "}\ndata: {phase: one}\n");
        try (DirectRun run = LabHost.run(new K8sInfo(), ns)) {
            Result r = run.run(Map.of("kind", "ConfigMap", "name", "a", "wait", Map.of("for", "data.phase == two", "timeout", "1s")));
            assertTrue(r.isFailed());
            assertTrue(r.msg().contains("timed out after 1 s") && r.msg().contains("data.phase is one"), r.msg());
            assertFalse(run.progressLines().isEmpty(), "progress is shown while waiting");
        }
    }

    @Test
    void badArgumentsAreReportedWithTheirPosition() {
        try (DirectRun run = LabHost.run(new K8sInfo(), "default")) {
            UserError missing = assertThrows(UserError.class, () -> run.run(Map.of("name", "x")));
            assertTrue(missing.format().contains("kind"), missing.format());
            UserError field = assertThrows(UserError.class, () -> run.run(Map.of("kind", "ConfigMap", "field_selectors", List.of("nonsense"))));
            assertTrue(field.format().contains("field_selectors"), field.format());
        }
    }

    @Test
    void anApiServerThatStopsAnsweringMakesTheHostUnreachableAfterTheRequestTimeout() throws Exception {
        io.runbook.lab.Lab lab = io.runbook.lab.Lab.start(io.runbook.lab.LabOptions.builder().clusters(List.of("hung")).build());
        try (lab; DirectRun run = DirectRun.of(new K8sInfo())
                .vars(Map.of("kubeconfig", "lab", "kube_context", "hung", "kube_request_timeout", "1s"))
                .service(ClusterDirectory.class, m -> java.util.Optional.of(lab.kubeconfigYaml()))) {
            lab.cluster("hung").unresponsive(true);
            long start = System.currentTimeMillis();
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("kind", "Secret")));
            assertTrue(e.isUnreachable(), e.getMessage());
            assertTrue(e.getMessage().contains(lab.cluster("hung").apiUrl()), e.getMessage());
            assertTrue(System.currentTimeMillis() - start < 300_000, "gave up after the request timeout, did not hang");
            lab.cluster("hung").unresponsive(false);
        }
    }

    @Test
    void anUnreachableClusterMakesTheHostUnreachable(@TempDir Path dir) throws Exception {
        try (DirectRun run = LabHost.unreachable(new K8sInfo(), dir)) {
            ModuleException e = assertThrows(ModuleException.class, () -> run.run(Map.of("kind", "Secret")));
            assertTrue(e.isUnreachable(), e.getMessage());
        }
    }
}
