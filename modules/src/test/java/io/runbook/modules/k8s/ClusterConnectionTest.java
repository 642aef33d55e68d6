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
    /** Reaches the host's cluster (its API check) and reports how many TLS contexts the run's clients use. */
    static final class TlsProbe implements Module {
        @Override
        public String name() {
            return "tls_probe";
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
            ClusterConnection conn = ClusterConnection.of(ctx);
            ClientTransport transport = ctx.shared(ClientTransport.class, ClientTransport.class, ClientTransport::new);
            return Result.ok().with("address", conn.apiAddress())
                    .with("contexts", ((io.fabric8.kubernetes.client.vertx.EventLoopWebSocketsFactory) transport.factory()).tlsContexts());
        }
    }

    @Test
    void clustersOfOneCertificateAuthorityShareOneTlsContextAndAnotherAuthorityIsNeverTrustedThroughIt(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.runbook.lab.LabOptions.Builder tls = io.runbook.lab.LabOptions.builder().tls(true);
        try (io.runbook.lab.Lab a = io.runbook.lab.Lab.start(tls.clusters(java.util.List.of("a1", "a2")).build());
             io.runbook.lab.Lab b = io.runbook.lab.Lab.start(io.runbook.lab.LabOptions.builder().tls(true).clusters(java.util.List.of("b1")).build())) {
            java.nio.file.Path ka = dir.resolve("a.yaml");
            a.writeKubeconfig(ka);
            java.nio.file.Path kb = dir.resolve("b.yaml");
            b.writeKubeconfig(kb);
            // b's cluster with a's authority in its kubeconfig: b's certificate is not a's
            String aCa = caLine(ka);
            java.nio.file.Path mixed = dir.resolve("b-with-a-ca.yaml");
            java.nio.file.Files.writeString(mixed, java.nio.file.Files.readString(kb).replace(caLine(kb), aCa));
            try (DirectRun run = DirectRun.of(new TlsProbe()).vars(Map.of("kubeconfig", ka.toString(), "kube_context", "a1"))) {
                Result a1 = run.run(Map.of());
                run.vars(Map.of("kubeconfig", ka.toString(), "kube_context", "a2"));
                Result a2 = run.run(Map.of());
                assertEquals(1, a2.data().get("contexts"), a2.toString());
                run.vars(Map.of("kubeconfig", kb.toString(), "kube_context", "b1"));
                Result b1 = run.run(Map.of());
                assertEquals(2, b1.data().get("contexts"), b1.toString());
                assertNotEquals(a1.data().get("address"), a2.data().get("address"));
                run.vars(Map.of("kubeconfig", mixed.toString(), "kube_context", "b1"));
                ModuleException e = org.junit.jupiter.api.Assertions.assertThrows(ModuleException.class, () -> run.run(Map.of()));
                assertTrue(e.isUnreachable(), e.getMessage());
                // both authorities have the lab's name: the JDK says the signature does not match (or no path)
                assertTrue(e.getMessage().contains("Signature does not match") || e.getMessage().contains("PKIX"), e.getMessage());
            }
        }
    }

    private static String caLine(java.nio.file.Path kubeconfig) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(kubeconfig).stream().filter(l -> l.contains("certificate-authority-data")).findFirst()
                .orElseThrow();
    }

    /** Hands the host's connection to the test (without a request of its own), for looking at it after modules ran. */
    static final class Grab implements Module {
        volatile ClusterConnection conn;

        @Override
        public String name() {
            return "grab";
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
            conn = ClusterConnection.provenByFirstAnswer(ctx);
            return Result.ok();
        }
    }

    private static DirectRun onLab(Module module, String namespace, Map<Object, Object> shared) {
        return LabHost.run(module, namespace).sharing(shared);
    }

    @Test
    void aTokenRotationCreatesNoFabric8ClientAndItsHttpClientIsClosedAtTheEnd() throws Exception {
        String ns = LabHost.namespace("lazy");
        Map<Object, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();
        Grab grab = new Grab();
        Map<String, Object> token = Map.of("apiVersion", "v1", "kind", "Secret", "type", "Opaque",
                "metadata", Map.of("name", "otel-token"), "stringData", Map.of("token", "first"));
        ClusterConnection conn;
        try (DirectRun apply = onLab(new K8sApply(), ns, shared); DirectRun delete = onLab(new SecretDelete(), ns, shared);
             DirectRun look = onLab(grab, ns, shared); io.fabric8.kubernetes.client.Watch operator = SecretDeleteTest.regenerator(ns, java.util.List.of("otel-token"))) {
            assertTrue(apply.run(Map.of("definition", token)).isChanged());
            assertFalse(apply.run(Map.of("definition", token)).isChanged());
            Result deleted = delete.run(Map.of("names", java.util.List.of("otel-token"), "wait_regenerated", true));
            assertEquals(java.util.List.of("otel-token"), deleted.data().get("deleted"), deleted.toString());
            assertFalse(deleted.isFailed(), deleted.toString());
            look.run(Map.of());
            conn = grab.conn;
            // GET, apply, DELETE and the Secret watch go through the connection's HTTP client alone
            assertFalse(conn.hasClient());
            assertFalse(conn.http().isClosed());
        }
        assertTrue(conn.http().isClosed());
    }

    @Test
    void aModuleUsingFabric8sDslGetsOneClientOnTheConnectionsHttpClientClosedAtTheEnd() throws Exception {
        String ns = LabHost.namespace("lazy");
        Map<Object, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();
        Grab grab = new Grab();
        ClusterConnection conn;
        io.fabric8.kubernetes.client.KubernetesClient client;
        try (DirectRun info = onLab(new K8sInfo(), ns, shared); DirectRun look = onLab(grab, ns, shared)) {
            look.run(Map.of());
            conn = grab.conn;
            assertFalse(conn.hasClient());
            Result listed = info.run(Map.of("kind", "ConfigMap", "namespace", ns));
            assertFalse(listed.isFailed(), listed.toString());
            assertTrue(conn.hasClient());
            client = conn.client();
            assertTrue(client == conn.client(), "one client per connection");
            assertTrue(client.getHttpClient() == conn.http(), "the client is built on the connection's HTTP client");
            assertEquals(System.identityHashCode(conn.executor()),
                    System.identityHashCode(client.adapt(io.fabric8.kubernetes.client.impl.BaseClient.class).getExecutor()));
        }
        assertTrue(conn.http().isClosed());
        assertTrue(client.adapt(io.fabric8.kubernetes.client.impl.BaseClient.class).getClosed().isDone(), "the fabric8 client is closed");
    }
}
