package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConnectionTest {
    /** Reports which connection object a task got and what discovery found. */
    static final class Probe implements Module {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
            ClusterConnection conn = ClusterConnection.of(ctx);
            return Result.ok().with("connection", System.identityHashCode(conn)).with("address", conn.apiAddress())
                    .with("deployments", conn.discovery().resolveKind("Deployment").map(k -> k.getGroup() + "/" + k.getVersion()).orElse("none"));
        }
    }

    @Test
    void everyTaskOnAClusterSharesOneClientAndDiscovery() throws Exception {
        try (DirectRun run = LabHost.run(new Probe(), "default")) {
            Result first = run.run(Map.of());
            Result second = run.run(Map.of());
            assertEquals(first.data().get("connection"), second.data().get("connection"));
            assertEquals("apps/v1", first.data().get("deployments"));
            assertTrue(String.valueOf(first.data().get("address")).startsWith(LabHost.cluster().apiUrl()), first.toString());
        }
    }

    @Test
    void aKubeconfigFileReachesTheClusterItsContextNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("lab.yaml");
        LabHost.lab().writeKubeconfig(file);
        try (DirectRun run = DirectRun.of(new Probe()).vars(Map.of("kubeconfig", file.toString(), "kube_context", "t2"))) {
            Result r = run.run(Map.of());
            assertTrue(String.valueOf(r.data().get("address")).startsWith(LabHost.lab().cluster("t2").apiUrl()), r.toString());
        }
    }

    /** Returns the probed connection's client configuration and task executor, for the tests below. */
    static final class ConfigProbe implements Module {
        @Override
        public String name() {
            return "config_probe";
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
            ClusterConnection conn = ClusterConnection.of(ctx);
            io.fabric8.kubernetes.client.Config config = conn.client().getConfiguration();
            return Result.ok().with("contexts", config.getContexts().stream().map(c -> c.getName()).toList())
                    .with("executor", System.identityHashCode(conn.client().adapt(io.fabric8.kubernetes.client.impl.BaseClient.class).getExecutor()))
                    .with("token", String.valueOf(config.refresh().getAutoOAuthToken()));
        }
    }

    @Test
    void hostsOfOneKubeconfigGetOnlyTheirOwnContextAndShareOneTaskExecutor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("lab.yaml");
        LabHost.lab().writeKubeconfig(file);
        try (DirectRun run = DirectRun.of(new ConfigProbe()).vars(Map.of("kubeconfig", file.toString(), "kube_context", "t1"))) {
            Result t1 = run.run(Map.of());
            run.vars(Map.of("kubeconfig", file.toString(), "kube_context", "t2"));
            Result t2 = run.run(Map.of());
            // a client built from the whole file would carry every context of it (a thousand for a big lab)
            assertEquals(java.util.List.of("t1"), t1.data().get("contexts"), t1.toString());
            assertEquals(java.util.List.of("t2"), t2.data().get("contexts"), t2.toString());
            // fabric8 gives each client a cached thread pool of its own unless told otherwise
            assertEquals(t1.data().get("executor"), t2.data().get("executor"));
        }
    }

    @Test
    void aTokenRefreshSeesTheKubeconfigFileRewrittenAndOnlyThen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("lab.yaml");
        LabHost.lab().writeKubeconfig(file);
        try (DirectRun run = DirectRun.of(new ConfigProbe()).vars(Map.of("kubeconfig", file.toString(), "kube_context", "t2"))) {
            Result before = run.run(Map.of());
            assertEquals("lab-token-t2", before.data().get("token"), before.toString());
            // as a cloud CLI rewrites a kubeconfig with a fresh token (the size changes too, so a coarse clock cannot hide it)
            java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("lab-token-t2", "rotated-token-for-t2"));
            Result after = run.run(Map.of());
            assertEquals("rotated-token-for-t2", after.data().get("token"), after.toString());
        }
    }

    @Test
    void eachClusterHasItsOwnClient() throws Exception {
        try (DirectRun run = LabHost.run(new Probe(), "default")) {
            Result t1 = run.run(Map.of());
            run.vars(Map.of("kubeconfig", "lab", "kube_context", "t2"));
            Result t2 = run.run(Map.of());
            assertNotEquals(t1.data().get("connection"), t2.data().get("connection"));
            assertNotEquals(t1.data().get("address"), t2.data().get("address"));
        }
    }

    @Test
    void aTlsClusterIsReachedThroughTheKubeconfigsCertificateAuthorityAndNotWithoutIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (io.runbook.lab.Lab lab = io.runbook.lab.Lab.start(io.runbook.lab.LabOptions.builder().clusters(java.util.List.of("secure")).tls(true).build())) {
            java.nio.file.Path good = dir.resolve("secure.yaml");
            lab.writeKubeconfig(good);
            Map<String, Object> configMap = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", "over-tls", "namespace", "default"), "data", Map.of("k", "v"));
            try (DirectRun run = DirectRun.of(new K8sApply()).host("secure").vars(Map.of("kubeconfig", good.toString()))) {
                Result first = run.run(Map.of("definition", configMap));
                assertTrue(first.isChanged(), first.toString());
                Result second = run.run(Map.of("definition", configMap));
                assertFalse(second.isChanged(), second.toString());
            }
            assertEquals("v", lab.cluster("secure").client().configMaps().inNamespace("default").withName("over-tls").get().getData().get("k"));

            // the same cluster without the CA: the JDK's default trust store does not know the lab's CA
            java.nio.file.Path noCa = dir.resolve("no-ca.yaml");
            java.nio.file.Files.writeString(noCa, java.nio.file.Files.readAllLines(good).stream()
                    .filter(l -> !l.contains("certificate-authority")).collect(java.util.stream.Collectors.joining("\n")));
            try (DirectRun run = DirectRun.of(new K8sApply()).host("secure").vars(Map.of("kubeconfig", noCa.toString()))) {
                ModuleException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleException.class, () -> run.run(Map.of("definition", configMap)));
                assertTrue(e.isUnreachable(), e.getMessage());
                assertTrue(e.getMessage().startsWith("cannot reach the Kubernetes API at https://127.0.0.1:"), e.getMessage());
                assertTrue(e.getMessage().contains("certification path") || e.getMessage().contains("PKIX"), e.getMessage());
            }
        }
    }
}
