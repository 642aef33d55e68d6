package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's kubeconfigs: parsed once, and a host gets its own context, cluster and user only. */
class KubeconfigsTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: mgmt
              cluster: {server: "https://10.0.0.1:6443", certificate-authority: certs/ca.crt}
            - name: cp-1
              cluster: {server: "https://10.0.0.2:6443", certificate-authority: /etc/k8s/ca.crt}
            users:
            - name: admin
              user: {client-certificate: certs/admin.crt, client-key: certs/admin.key}
            - name: ops
              user: {token: not-this-one}
            contexts:
            - {name: mgmt, context: {cluster: mgmt, user: ops}}
            - {name: cp-1, context: {cluster: cp-1, user: admin, namespace: istio-system}}
            current-context: mgmt
            """;

    @Test
    @SuppressWarnings("unchecked")
    void oneContextHoldsTheHostsContextClusterAndUserOnlyAndIsParsedOncePerRun(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        Kubeconfigs kubeconfigs = new Kubeconfigs();
        AtomicInteger reads = new AtomicInteger();
        Supplier<String> text = () -> {
            reads.incrementAndGet();
            return KUBECONFIG;
        };
        ClusterTarget cp1 = ClusterTarget.of(Map.of("kubeconfig", file.toString(), "kube_context", "cp-1"), null, "/h");
        Map<String, Object> one = kubeconfigs.oneContext(cp1, text);
        assertEquals("cp-1", one.get("current-context"));
        List<Map<String, Object>> clusters = (List<Map<String, Object>>) one.get("clusters");
        assertEquals(List.of("cp-1"), clusters.stream().map(c -> c.get("name")).toList());
        assertEquals(List.of("admin"), ((List<Map<String, Object>>) one.get("users")).stream().map(u -> u.get("name")).toList());
        List<Map<String, Object>> contexts = (List<Map<String, Object>>) one.get("contexts");
        assertEquals(Map.of("cluster", "cp-1", "user", "admin", "namespace", "istio-system"), contexts.get(0).get("context"));

        // a copy: changing it (as Helm's path rewriting does) leaves the next host's untouched
        ((Map<String, Object>) clusters.get(0).get("cluster")).put("server", "https://changed");
        Map<String, Object> again = kubeconfigs.oneContext(cp1, text);
        assertNotSame(one, again);
        assertEquals("https://10.0.0.2:6443",
                ((Map<String, Object>) ((List<Map<String, Object>>) again.get("clusters")).get(0).get("cluster")).get("server"));

        ClusterTarget current = ClusterTarget.of(Map.of("kubeconfig", file.toString()), null, "/h");
        assertEquals("mgmt", kubeconfigs.oneContext(current, text).get("current-context"));
        assertEquals(1, reads.get(), "the kubeconfig is read and parsed once for every host of the run");
    }

    @Test
    void aHostsClientConfigIsWhatFabric8MakesOfTheFileWithRelativePathsAgainstItsFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        ClusterTarget cp1 = ClusterTarget.of(Map.of("kubeconfig", file.toString(), "kube_context", "cp-1"), null, "/h");
        io.fabric8.kubernetes.client.Config ours = new Kubeconfigs().configFor(cp1, () -> KUBECONFIG);
        assertEquals(dir.resolve("certs/admin.crt").toString(), ours.getClientCertFile());
        assertEquals(dir.resolve("certs/admin.key").toString(), ours.getClientKeyFile());
        assertEquals("/etc/k8s/ca.crt", ours.getCaCertFile());
        assertEquals("https://10.0.0.2:6443/", ours.getMasterUrl());
        assertEquals("istio-system", ours.getNamespace());

        // the same as fabric8 builds from the file itself
        io.fabric8.kubernetes.client.Config theirs = io.fabric8.kubernetes.client.Config.fromKubeconfig("cp-1", file.toFile());
        assertEquals(theirs.getClientCertFile(), ours.getClientCertFile());
        assertEquals(theirs.getClientKeyFile(), ours.getClientKeyFile());
        assertEquals(theirs.getCaCertFile(), ours.getCaCertFile());
        assertEquals(theirs.getMasterUrl(), ours.getMasterUrl());
    }

    @Test
    void anUnknownContextSaysWhichContextsThereAre(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);
        ClusterTarget missing = ClusterTarget.of(Map.of("kubeconfig", file.toString(), "kube_context", "cp-9"), null, "/h");
        ClusterConnection.ConfigProblem e = assertThrows(ClusterConnection.ConfigProblem.class,
                () -> new Kubeconfigs().oneContext(missing, () -> KUBECONFIG));
        assertTrue(e.getMessage().contains("has no context 'cp-9' (contexts: mgmt, cp-1)"), e.getMessage());
    }
}
