package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clusters that cannot be used are unreachable hosts (exit 4) with a message naming the address and why: a server
 * that is not a Kubernetes API at all, an API that answers 503, and an API server lost while a task waits on it
 * (for pods, a phase, a regenerated Secret, Helm's install, the objects of an uninstalled release).
 */
class UnusableClusterTest {
    private static final Path LOST = EngineRun.FIXTURES.resolve("lost");
    /** Only keeps a hung engine from hanging the suite; each wait below is ten minutes long. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private Lab lab;
    private Path kubeconfig;

    @BeforeEach
    void startLab(@TempDir Path tmp) throws Exception {
        lab = Lab.start(LabOptions.builder().clusters(List.of("c1")).podReadyDelay(Duration.ofMillis(300)).build());
        kubeconfig = tmp.resolve("lab.kubeconfig");
        lab.writeKubeconfig(kubeconfig);
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void aServerThatIsNotKubernetesIsUnreachableInThePreflightOfRecover(@TempDir Path tmp) throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = "404 page not found\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        try {
            String url = "http://127.0.0.1:" + web.getAddress().getPort();
            Path config = tmp.resolve("web.kubeconfig");
            Files.writeString(config, "apiVersion: v1\nkind: Config\nclusters: [{name: web, cluster: {server: '" + url + "'}}]\n"
                    + "users: [{name: web, user: {token: abc}}]\ncontexts: [{name: web, context: {cluster: web, user: web}}]\n"
                    + "current-context: web\n");
            RunResult run = EngineRun.cli(LabEstateRun.ROOT.resolve("playbooks/recover.yml").toString(),
                    "-i", EngineRun.fixture("notk8s/hosts.yml"), "-e", "not_kubernetes_kubeconfig=" + config);
            assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.toString());
            for (String host : List.of("mgmt", "cp-1")) {
                assertEquals("unreachable", run.status("The cluster's API answers", host), run.toString());
                assertEquals(1, run.recap(host).get("unreachable"), run.toString());
            }
            assertTrue(run.out().contains("the server at " + url + "/ (" + config + " context web) is not a Kubernetes API:"
                    + " GET /version answered 404 text/plain; charset=utf-8 (404 page not found) instead of the server's"
                    + " Kubernetes version; check the server address in the kubeconfig"), run.toString());
            assertFalse(run.out().contains("TASK [Management-plane namespace]"), "nothing ran after the preflight: " + run);
        } finally {
            web.stop(0);
        }
    }

    @Test
    void anApiAnswering503IsUnreachableWithTheStatusAndTheServersMessage() {
        lab.cluster("c1").unavailable(true);
        RunResult run = lab("read.yml");
        assertEquals(ExitCode.UNREACHABLE, run.exitCode(), run.toString());
        String expected = "cannot reach the Kubernetes API at " + lab.cluster("c1").apiUrl() + "/ (" + kubeconfig
                + " context c1): answered HTTP 503 ServiceUnavailable: the lab cluster is unavailable (injected fault)";
        assertEquals(expected, run.registered("The cluster's API answers", "c1").get("msg"), run.toString());
        assertEquals(expected, run.registered("Delete a token", "c1").get("msg"), run.toString());
        assertFalse(run.out().contains("Status(") || run.out().contains("additionalProperties"), run.toString());
    }

    @Test
    void anApiServerLostWhileWaitPodsWatchesIsUnreachable() throws Exception {
        lab.cluster("c1").failPods("default", Map.of("app", "central"), "ImagePullBackOff", "Back-off pulling image \"central:1\"");
        assertLostWhileWaiting("wait-pods.yml", "Wait for central");
    }

    @Test
    void anApiServerLostWhileK8sInfoWaitsIsUnreachable() throws Exception {
        assertLostWhileWaiting("info-wait.yml", "Wait for the phase");
    }

    @Test
    void anApiServerLostWhileK8sApplyWaitsIsUnreachable() throws Exception {
        assertLostWhileWaiting("apply-wait.yml", "Apply and wait for the phase");
    }

    @Test
    void anApiServerLostWhileClusterProbeWaitsIsUnreachable() throws Exception {
        lab.cluster("c1").failPods("default", Map.of("app.kubernetes.io/name", "runbook-probe"), "ImagePullBackOff",
                "Back-off pulling image \"busybox:1.36\"");
        assertLostWhileWaiting("probe-wait.yml", "Probe the management plane");
    }

    @Test
    void anApiServerLostWhileWaitingForARegeneratedSecretIsUnreachable() throws Exception {
        assertLostWhileWaiting("secret-regenerated.yml", "Rotate the token");
    }

    @Test
    void anApiServerLostWhileHelmWaitsIsUnreachable() throws Exception {
        lab.cluster("c1").failPods("default", Map.of("app", "hello-web"), "ImagePullBackOff", "Back-off pulling image \"nginx:1.27\"");
        // waiting, not still creating the release's objects: the progress counts its one workload
        EngineThread engine = start(EngineRun.FIXTURES.resolve("signals"), "helm-wait.yml");
        engine.awaitOutput("TASK [Install hello and wait]", "default/hello: 0/1 workloads ready", LIMIT);
        String out = assertEndsUnreachable(engine, "lost the Kubernetes API at " + lab.cluster("c1").apiUrl() + "/ ("
                + kubeconfig.toAbsolutePath() + " context c1) while waiting: Helm's install of default/hello was waiting for the"
                + " release's workloads and two reads of its state failed (");
        assertTrue(out.contains("); the release is left as Helm last wrote it"), out);
    }

    @Test
    void anApiServerLostWhileHelmWritesTheReleaseIsUnreachable() throws Exception {
        // Helm's write of its release record is held, then the server goes: Helm's request gets no answer
        lab.cluster("c1").holdRequests("POST", "/api/v1/namespaces/default/secrets");
        EngineThread engine = start(EngineRun.FIXTURES.resolve("signals"), "helm-wait.yml");
        lab.cluster("c1").awaitHeldRequests(1, LIMIT);
        assertEquals(1, lab.cluster("c1").heldRequests(), engine.output());
        String out = assertEndsUnreachable(engine, "cannot reach the Kubernetes API at " + lab.cluster("c1").apiUrl() + "/ ("
                + kubeconfig.toAbsolutePath() + " context c1): helm install of default/hello failed: ");
        assertFalse(out.contains("FAILED!"), out);
    }

    @Test
    void anApiServerLostWhileHelmWaitsForAnUninstallIsUnreachable() throws Exception {
        String out = assertLostWhileWaiting(LOST, "helm-uninstall-wait.yml", "Uninstall held and wait",
                "the watch closed and GET /version failed: ");
        assertFalse(out.contains("these objects still exist"), out);
    }

    @Test
    void anApiServerLostWhileWaitPodsFollowsLogsIsUnreachable() throws Exception {
        lab.cluster("c1").failPods("default", Map.of("app", "central"), "ImagePullBackOff", "Back-off pulling image \"central:1\"");
        String task = "Wait for central, following the operator's log";
        EngineThread engine = start(LOST, "wait-pods-follow.yml");
        engine.awaitOutput("TASK [" + task + "]", "  [c1] ", LIMIT);
        // the operator's log stream is open: a line it writes now reaches the output
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!engine.output().contains("] reconciling central") && System.nanoTime() < deadline) {
            lab.cluster("c1").appendPodLogs("default", Map.of("app", "operator"), "operator", "reconciling central");
            Thread.sleep(200);
        }
        assertTrue(engine.output().contains("] reconciling central"), engine.output());
        assertEndsUnreachable(engine, "lost the Kubernetes API at " + lab.cluster("c1").apiUrl() + "/ (" + kubeconfig.toAbsolutePath()
                + " context c1) while waiting: the watch closed and GET /version failed: ");
    }

    @Test
    void anApiServerLostBetweenRetriesOfVerifyEdgeLogsIsUnreachable() throws Exception {
        EngineThread engine = start(LOST, "edge-logs-until.yml");
        engine.awaitOutput("TASK [Wait for the edge to sync]", "FAILED - RETRYING: [c1]", LIMIT);
        String out = assertEndsUnreachable(engine, "cannot reach the Kubernetes API at " + lab.cluster("c1").apiUrl() + "/ ("
                + kubeconfig.toAbsolutePath() + " context c1): ");
        assertFalse(out.contains("retries exhausted"), out);
    }

    private void assertLostWhileWaiting(String playbook, String task) throws Exception {
        assertLostWhileWaiting(LOST, playbook, task, "the watch closed and GET /version failed: ");
    }

    /** Stops the API server once the task shows it is waiting; the wait must end unreachable, not time out. */
    private String assertLostWhileWaiting(Path fixtures, String playbook, String task, String why) throws Exception {
        EngineThread engine = start(fixtures, playbook);
        engine.awaitOutput("TASK [" + task + "]", "  [c1] ", LIMIT);
        return assertEndsUnreachable(engine, "lost the Kubernetes API at " + lab.cluster("c1").apiUrl() + "/ ("
                + kubeconfig.toAbsolutePath() + " context c1) while waiting: " + why);
    }

    private EngineThread start(Path fixtures, String playbook) {
        return EngineThread.start(fixtures.resolve(playbook).toString(), "-i",
                fixtures.resolve("hosts.yml").toString(), "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath());
    }

    /** Stops the cluster's API server now: the run must end unreachable (exit 4) with {@code message}, nothing after. */
    private String assertEndsUnreachable(EngineThread engine, String message) throws Exception {
        lab.cluster("c1").reachable(false);
        int exit = engine.exitCode(LIMIT);
        String out = engine.output();
        assertEquals(ExitCode.UNREACHABLE, exit, out);
        assertTrue(out.contains("fatal: [c1]: UNREACHABLE! => {"), out);
        assertTrue(out.contains(message), out);
        assertFalse(out.contains("timed out") || out.contains("not found"), out);
        assertFalse(out.contains("TASK [never reached]") || out.contains("TASK [After the install]"), out);
        return out;
    }

    private RunResult lab(String playbook) {
        return EngineRun.cli(LOST.resolve(playbook).toString(), "-i", LOST.resolve("hosts.yml").toString(),
                "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath());
    }
}
