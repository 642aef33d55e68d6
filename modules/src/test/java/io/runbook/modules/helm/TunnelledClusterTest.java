package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import io.runbook.modules.ClosedPort;
import io.runbook.modules.k8s.K8sApply;
import io.runbook.modules.k8s.K8sInfo;
import io.runbook.modules.ssh.SshServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kube_ssh_tunnel}: a lab cluster served over TLS is reached through the real OpenSSH bastion
 * ({@code .ci/ssh-setup.sh}, server A) by the Kubernetes and Helm modules, with the server's certificate still
 * checked against the kubeconfig's CA and the server's own name ({@code localhost}); the bastion's sshd log
 * shows that it carried the connections. A bastion that refuses the key, or cannot reach the API server, makes
 * the cluster host unreachable with one line naming it.
 */
@io.runbook.modules.Exclusive("openssh")
class TunnelledClusterTest {
    private static Lab lab;
    @TempDir
    Path dir;
    private SshServers servers;
    private final Map<Object, Object> shared = new ConcurrentHashMap<>();

    @BeforeAll
    static void startLab() {
        System.setProperty("com.marcnuri.jkube-helm.skipRemoteJar", "true");
        lab = Lab.start(LabOptions.builder().clusters(List.of("far")).tls(true).build());
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void servers() throws IOException {
        servers = SshServers.require();
    }

    private int apiPort() {
        return URI.create(lab.cluster("far").apiUrl()).getPort();
    }

    /** The lab's kubeconfig with the API server named {@code localhost} (a name in its certificate). */
    private Path kubeconfig(boolean withCa) throws IOException {
        Path file = dir.resolve(withCa ? "far.yaml" : "far-no-ca.yaml");
        lab.writeKubeconfig(file);
        String text = Files.readString(file).replace("https://127.0.0.1:", "https://localhost:");
        if (!withCa) {
            text = text.lines().filter(l -> !l.contains("certificate-authority")).collect(Collectors.joining("\n"));
        }
        Files.writeString(file, text);
        return file;
    }

    private Map<String, Object> vars(Path kubeconfig, String key) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("kubeconfig", kubeconfig.toString());
        vars.put("namespace", "default");
        vars.put("kube_ssh_tunnel", servers.user() + "@" + servers.host() + ":" + servers.portA());
        vars.put("ansible_ssh_private_key_file", key);
        vars.put("ansible_ssh_known_hosts_file", servers.get("SSH_IT_KNOWN_HOSTS"));
        return vars;
    }

    private DirectRun run(Module module, Map<String, Object> vars) {
        return DirectRun.of(module).host("far").vars(vars).sharing(shared);
    }

    private static Map<String, Object> configMap(String name) {
        return Map.of("definition", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name, "namespace", "default"), "data", Map.of("k", "v")));
    }

    @Test
    void kubernetesAndHelmModulesReachTheApiThroughTheBastionWithTlsChecked() throws Exception {
        Map<String, Object> vars = vars(kubeconfig(true), servers.get("SSH_IT_KEY"));
        long before = servers.forwardsThroughA(apiPort());
        try (DirectRun apply = run(new K8sApply(), vars)) {
            Result first = apply.run(configMap("through-bastion"));
            assertTrue(first.isChanged(), first.toString());
            assertFalse(apply.run(configMap("through-bastion")).isChanged(), "the second apply changes nothing");
            Result info = run(new K8sInfo(), vars).run(Map.of("kind", "ConfigMap", "name", "through-bastion"));
            assertEquals(1, ((List<?>) info.data().get("resources")).size(), info.toString());

            Map<String, Object> release = new LinkedHashMap<>();
            release.put("name", "tunnelled");
            release.put("chart", HelmLab.chartCopy(dir).toString());
            release.put("values", Map.of("message", "via bastion"));
            Result installed = run(new HelmRelease(), vars).run(release);
            assertEquals("installed", installed.data().get("action"), installed.toString());
            assertEquals("unchanged", run(new HelmRelease(), vars).run(release).data().get("action"));
        }
        assertEquals("v", lab.cluster("far").client().configMaps().inNamespace("default").withName("through-bastion").get().getData().get("k"));
        assertEquals("via bastion", lab.cluster("far").client().configMaps().inNamespace("default").withName("tunnelled-config").get()
                .getData().get("message"), "helm installed the chart through the tunnel");
        assertTrue(servers.forwardsThroughA(apiPort()) > before, "the bastion (server A) carried the API connections");
    }

    @Test
    void aProxyJumpChainLeadsToTheBastion() throws Exception {
        Map<String, Object> vars = vars(kubeconfig(true), servers.get("SSH_IT_KEY"));
        String a = servers.user() + "@" + servers.host() + ":" + servers.portA();
        String b = servers.user() + "@" + servers.host() + ":" + servers.portB();
        vars.put("kube_ssh_tunnel", "ssh://" + a + "," + b);
        long before = servers.forwardsThroughA(servers.portB());
        try (DirectRun apply = run(new K8sApply(), vars)) {
            assertFalse(apply.run(configMap("two-hops")).isFailed());
        }
        assertEquals("v", lab.cluster("far").client().configMaps().inNamespace("default").withName("two-hops").get().getData().get("k"));
        assertTrue(servers.forwardsThroughA(servers.portB()) > before, "the first jump (A) carried the session to the bastion (B)");
    }

    @Test
    void withoutTheClustersCaTheTunnelledServerIsNotTrusted() throws Exception {
        try (DirectRun apply = run(new K8sApply(), vars(kubeconfig(false), servers.get("SSH_IT_KEY")))) {
            ModuleException e = assertThrows(ModuleException.class, () -> apply.run(configMap("untrusted")));
            assertTrue(e.isUnreachable(), e.getMessage());
            assertTrue(e.getMessage().contains("certification path") || e.getMessage().contains("PKIX"), e.getMessage());
        }
        assertEquals(null, lab.cluster("far").client().configMaps().inNamespace("default").withName("untrusted").get());
    }

    @Test
    void aBastionThatRefusesTheKeyMakesTheClusterUnreachableInOneLine() throws Exception {
        try (DirectRun apply = run(new K8sApply(), vars(kubeconfig(true), servers.get("SSH_IT_WRONG_KEY")))) {
            ModuleException e = assertThrows(ModuleException.class, () -> apply.run(configMap("refused")));
            assertTrue(e.isUnreachable(), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot reach the Kubernetes API at https://localhost:" + apiPort()
                    + " through kube_ssh_tunnel: cannot connect to " + servers.user() + "@" + servers.host() + ":" + servers.portA()
                    + " over SSH: authentication refused (tried key " + servers.get("SSH_IT_WRONG_KEY")), e.getMessage());
        }
    }

    @Test
    void anApiServerTheBastionCannotReachIsNamedWithTheBastion() throws Exception {
        ClosedPort port = ClosedPort.tcp();
        int closed = port.port();
        Path file = kubeconfig(true);
        Files.writeString(file, Files.readString(file).replace("https://localhost:" + apiPort(), "https://localhost:" + closed));
        try (port; DirectRun apply = run(new K8sApply(), vars(file, servers.get("SSH_IT_KEY")))) {
            ModuleException e = assertThrows(ModuleException.class, () -> apply.run(configMap("nowhere")));
            assertTrue(e.isUnreachable(), e.getMessage());
            assertEquals("cannot reach the Kubernetes API at https://localhost:" + closed + " through kube_ssh_tunnel "
                    + servers.user() + "@" + servers.host() + ":" + servers.portA() + ": connection refused (or not reachable) from the bastion",
                    e.getMessage());
        }
    }
}
