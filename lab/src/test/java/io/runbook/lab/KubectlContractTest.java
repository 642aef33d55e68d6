package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab as kubectl sees it, through the kubeconfig {@link Lab#writeKubeconfig} writes. */
class KubectlContractTest {
  private static final String DEPLOYMENT = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: %1$s}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: %1$s}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata:
            labels: {app: web}
            annotations:
              lab.runbook.io/log: |
                booting
                listening on :8080
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports: [{containerPort: 80}]
      """;
  @TempDir
  static Path dir;
  private static Lab lab;
  private static Path kubeconfig;

  record Result(int exit, String out) {
  }

  @BeforeAll
  static void startLab() throws IOException {
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl not on PATH");
    lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1")).podReadyDelay(Duration.ofMillis(200))
        .build());
    kubeconfig = dir.resolve("kubeconfig");
    lab.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void applyTwiceReportsUnchanged() throws Exception {
    Path file = manifest("twice");
    assertTrue(kubectl("apply", "-f", file.toString()).out().contains("deployment.apps/web created"));
    Result second = kubectl("apply", "-f", file.toString());
    assertEquals(0, second.exit(), second.out());
    assertTrue(second.out().contains("namespace/twice unchanged"), second.out());
    assertTrue(second.out().contains("deployment.apps/web unchanged"), second.out());
  }

  @Test
  void serverSideApplyCreatesThenReapplies() throws Exception {
    Path file = manifest("ssa");
    Result first = kubectl("apply", "--server-side", "-f", file.toString());
    assertEquals(0, first.exit(), first.out());
    assertTrue(first.out().contains("deployment.apps/web serverside-applied"), first.out());
    Result again = kubectl("apply", "--server-side", "--force-conflicts", "-f", file.toString());
    assertEquals(0, again.exit(), again.out());
    assertEquals("2", kubectl("get", "deploy", "web", "-n", "ssa", "-o", "jsonpath={.spec.replicas}").out());
  }

  @Test
  void getUsesShortNamesAndContexts() throws Exception {
    kubectl("apply", "-f", manifest("get").toString());
    assertEquals("deployment.apps/web", kubectl("get", "deploy", "-n", "get", "-o", "name").out().trim());
    Result other = kubectl("--context", "cp-1", "get", "deploy", "-n", "get", "-o", "name");
    assertTrue(other.out().contains("not found") || other.out().isBlank(), other.out());
  }

  @Test
  void waitRolloutStatusAndLogsFollowTheDeployment() throws Exception {
    kubectl("apply", "-f", manifest("ready").toString());
    Result rollout = kubectl("rollout", "status", "deploy/web", "-n", "ready", "--timeout=180s");
    assertEquals(0, rollout.exit(), rollout.out());
    assertTrue(rollout.out().contains("successfully rolled out"), rollout.out());
    Result wait = kubectl("wait", "--for=condition=Available", "deploy/web", "-n", "ready", "--timeout=180s");
    assertEquals(0, wait.exit(), wait.out());
    assertTrue(wait.out().contains("condition met"), wait.out());
    Result logs = kubectl("logs", "deploy/web", "-n", "ready");
    assertEquals(0, logs.exit(), logs.out());
    assertTrue(logs.out().contains("booting\nlistening on :8080"), logs.out());
    Result tail = kubectl("logs", "deploy/web", "-n", "ready", "--tail=1");
    assertTrue(tail.out().contains("listening on :8080") && !tail.out().contains("booting"), tail.out());
  }

  @Test
  void rolloutUndoReturnsToThePreviousReplicaSet() throws Exception {
    kubectl("apply", "-f", manifest("undo").toString());
    kubectl("rollout", "status", "deploy/web", "-n", "undo", "--timeout=180s");
    String first = kubectl("get", "rs", "-n", "undo", "-o", "jsonpath={.items[0].metadata.name}").out();
    kubectl("set", "image", "deploy/web", "web=nginx:1.28", "-n", "undo");
    assertEquals(0, kubectl("rollout", "status", "deploy/web", "-n", "undo", "--timeout=180s").exit());
    Result undo = kubectl("rollout", "undo", "deploy/web", "-n", "undo");
    assertEquals(0, undo.exit(), undo.out());
    assertEquals(0, kubectl("rollout", "status", "deploy/web", "-n", "undo", "--timeout=180s").exit());
    assertEquals("nginx:1.27", kubectl("get", "deploy", "web", "-n", "undo", "-o",
        "jsonpath={.spec.template.spec.containers[0].image}").out());
    assertEquals("2", kubectl("get", "rs", first, "-n", "undo", "-o", "jsonpath={.status.readyReplicas}").out());
  }

  @Test
  void daemonSetRolloutUndoReturnsToThePreviousControllerRevision() throws Exception {
    Path file = dir.resolve("dsundo.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: Namespace
        metadata: {name: dsundo}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: dsundo}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: "busybox:1.36"}]}
        """);
    kubectl("apply", "-f", file.toString());
    assertEquals(0, kubectl("rollout", "status", "ds/agent", "-n", "dsundo", "--timeout=180s").exit());
    kubectl("set", "image", "ds/agent", "agent=busybox:1.37", "-n", "dsundo");
    assertEquals(0, kubectl("rollout", "status", "ds/agent", "-n", "dsundo", "--timeout=180s").exit());
    Result undo = kubectl("rollout", "undo", "ds/agent", "-n", "dsundo");
    assertEquals(0, undo.exit(), undo.out());
    assertEquals(0, kubectl("rollout", "status", "ds/agent", "-n", "dsundo", "--timeout=180s").exit());
    assertEquals("busybox:1.36 3", kubectl("get", "ds", "agent", "-n", "dsundo", "-o", "jsonpath={.spec.template.spec.containers[0].image}"
        + " {.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}").out());
    // the first template's revision is the newest again, as the DaemonSet controller renumbers it
    assertEquals("busybox:1.36", kubectl("get", "controllerrevisions", "-n", "dsundo", "-o",
        "jsonpath={.items[?(@.revision==3)].data.spec.template.spec.containers[0].image}").out());
  }

  @Test
  void getShowsTheColumnsOfARealServer() throws Exception {
    kubectl("apply", "-f", manifest("columns").toString());
    kubectl("rollout", "status", "deploy/web", "-n", "columns", "--timeout=180s");
    String pods = kubectl("get", "pods", "-n", "columns").out();
    assertTrue(pods.startsWith("NAME") && pods.contains("READY") && pods.contains("STATUS")
        && pods.contains("1/1") && pods.contains("Running"), pods);
    String deployments = kubectl("get", "deploy", "-n", "columns").out();
    assertTrue(deployments.contains("UP-TO-DATE") && deployments.contains("2/2"), deployments);
  }

  @Test
  void deleteRemovesTheObjects() throws Exception {
    Path file = manifest("gone");
    kubectl("apply", "-f", file.toString());
    Result delete = kubectl("delete", "-f", file.toString());
    assertEquals(0, delete.exit(), delete.out());
    Result get = kubectl("get", "ns", "gone");
    assertTrue(get.exit() != 0 && get.out().contains("NotFound"), get.out());
  }

  @Test
  void createSecretAndMergePatchWork() throws Exception {
    assertEquals(0, kubectl("create", "secret", "generic", "creds", "--from-literal=user=admin").exit());
    assertEquals("YWRtaW4=", kubectl("get", "secret", "creds", "-o", "jsonpath={.data.user}").out());
    kubectl("label", "secret", "creds", "tier=db");
    kubectl("patch", "secret", "creds", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"tier\":null}}}");
    assertEquals("", kubectl("get", "secret", "creds", "-o", "jsonpath={.metadata.labels.tier}").out());
  }

  private static Path manifest(String namespace) throws IOException {
    Path file = dir.resolve(namespace + ".yaml");
    Files.writeString(file, DEPLOYMENT.formatted(namespace));
    return file;
  }

  static Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("kube-cache").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8));
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
