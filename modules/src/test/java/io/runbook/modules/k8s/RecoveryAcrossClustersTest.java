package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.Result;
import io.runbook.lab.Lab;
import io.runbook.lab.LabCluster;
import io.runbook.lab.LabOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management-plane recovery's Kubernetes steps across one management and three control-plane lab
 * clusters, module by module as a playbook would run them (one host per cluster, control planes in parallel).
 */
class RecoveryAcrossClustersTest {
    static final List<String> TOKENS = SecretDeleteTest.TOKENS;
    static final List<String> CPS = List.of("cp-1", "cp-2", "cp-3");
    static Lab lab;

    @BeforeAll
    static void startLab() {
        lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1", "cp-2", "cp-3")).podReadyDelay(Duration.ofMillis(200)).build());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    static DirectRun host(Module module, String cluster, String namespace) {
        Map<String, Object> vars = new LinkedHashMap<>(Map.of("kubeconfig", "lab", "kube_context", cluster, "namespace", namespace));
        return DirectRun.of(module).host(cluster).vars(vars)
                .service(ClusterDirectory.class, marker -> "lab".equals(marker) ? Optional.of(lab.kubeconfigYaml()) : Optional.empty());
    }

    /** What the lab's control planes hold before the recovery: istio-system, the edge deployment and the four tokens. */
    static void seedControlPlane(LabCluster cp) {
        cp.seed("apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n");
        cp.seed(WaitPodsTest.deployment("istio-system", "edge", 1, "app"));
        for (String t : TOKENS) {
            cp.client().secrets().inNamespace("istio-system").resource(token(t, "old-" + t + "-signed-by-lost-key")).create();
        }
    }

    static Secret token(String name, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace("istio-system").endMetadata().addToStringData("token", value).build();
    }

    /** Plays tsb-operator-control-plane: re-issues a token Secret as soon as it is deleted. */
    static Watch operator(KubernetesClient client) {
        return client.secrets().inNamespace("istio-system").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Secret s) {
                if (action == Action.DELETED && TOKENS.contains(s.getMetadata().getName())) {
                    client.secrets().inNamespace("istio-system").resource(token(s.getMetadata().getName(), "new-token-0123456789")).create();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @Test
    void restoresTheManagementPlaneThenRotatesTokensOnEveryControlPlane() throws Exception {
        String mgmtObjects = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: tsb}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: iam-signing-key, namespace: tsb}
                stringData: {private.key: restored-key-material-0001, kid: kid-0001}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: envoy, namespace: tsb}
                spec: {type: LoadBalancer, selector: {app: envoy}, ports: [{name: https, port: 8443}]}
                """;
        try (DirectRun apply = host(new K8sApply(), "mgmt", "tsb"); DirectRun info = host(new K8sInfo(), "mgmt", "tsb")) {
            Result applied = apply.run(Map.of("definition", mgmtObjects));
            assertEquals("3 created", applied.msg());
            assertFalse(apply.run(Map.of("definition", mgmtObjects)).isChanged(), "a second run changes nothing");
            Result envoy = info.run(Map.of("kind", "Service", "name", "envoy", "wait", "status.loadBalancer.ingress[0]"));
            assertFalse(envoy.isFailed(), envoy.toString());
        }

        List<Watch> operators = new ArrayList<>();
        for (String cp : CPS) {
            seedControlPlane(lab.cluster(cp));
            operators.add(operator(lab.cluster(cp).client()));
        }
        LabHost.eventually(Duration.ofMinutes(5), () -> CPS.stream().allMatch(cp -> !lab.cluster(cp).client().pods()
                .inNamespace("istio-system").withLabel("app", "edge").list().getItems().isEmpty()));
        lab.cluster("cp-2").appendPodLogs("istio-system", Map.of("app", "edge"), null, LogClassificationTest.TLS_SAN);
        ExecutorService forks = Executors.newFixedThreadPool(CPS.size());
        try {
            List<Future<Map<String, Result>>> runs = new ArrayList<>();
            for (String cp : CPS) {
                runs.add(forks.submit(() -> controlPlane(cp)));
            }
            Map<String, Map<String, Result>> byCluster = new LinkedHashMap<>();
            for (int i = 0; i < CPS.size(); i++) {
                byCluster.put(CPS.get(i), runs.get(i).get());
            }
            for (String cp : CPS) {
                Result deleted = byCluster.get(cp).get("secret_delete");
                assertTrue(deleted.isChanged() && !deleted.isFailed(), cp + ": " + deleted);
                assertEquals(TOKENS.size(), ((Map<?, ?>) deleted.data().get("regenerated")).size());
                assertFalse(byCluster.get(cp).get("wait_pods").isFailed(), cp + ": " + byCluster.get(cp).get("wait_pods"));
            }
            assertFalse(byCluster.get("cp-1").get("verify_edge_logs").isFailed());
            Result cp2 = byCluster.get("cp-2").get("verify_edge_logs");
            assertTrue(cp2.isFailed());
            assertTrue(((Map<?, ?>) cp2.data().get("categories")).containsKey(LogCategory.TLS), cp2.toString());
        } finally {
            forks.shutdownNow();
            operators.forEach(Watch::close);
        }
    }

    static Map<String, Result> controlPlane(String cp) throws Exception {
        Map<String, Result> out = new LinkedHashMap<>();
        try (DirectRun delete = host(new SecretDelete(), cp, "istio-system");
             DirectRun pods = host(new WaitPods(), cp, "istio-system");
             DirectRun logs = host(new VerifyEdgeLogs(), cp, "istio-system")) {
            out.put("secret_delete", delete.run(Map.of("names", TOKENS, "wait_regenerated", true, "timeout", "5m")));
            out.put("wait_pods", pods.run(Map.of("deployments", List.of("edge"), "timeout", "5m")));
            out.put("verify_edge_logs", logs.run(Map.of()));
        }
        return out;
    }
}

