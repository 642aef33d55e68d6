package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pods/exec} as fabric8 runs it against the lab: output on its channels, the exit code, the API server's refusals. */
class PodExecTest {
  private static final String NS = "exec";
  private static Lab lab;
  private static KubernetesClient client;

  /** One exec's output and exit code, as a client collects them. */
  private record Ran(String stdout, String stderr, int exitCode, String errorChannel) {
  }

  @BeforeAll
  static void startLab() {
    lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt")).podReadyDelay(Duration.ofMillis(100)).build());
    client = lab.cluster("mgmt").client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    client.pods().inNamespace(NS).resource(pod("api", "app", "sidecar")).create();
    client.pods().inNamespace(NS).withName("api").waitUntilCondition(p -> p != null && "Running".equals(p.getStatus().getPhase()),
        60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  private static Pod pod(String name, String... containers) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", name)).endMetadata().withNewSpec().endSpec();
    for (String c : containers) {
      b.editSpec().addNewContainer().withName(c).withImage("example/" + c).addNewEnv().withName("ROLE").withValue(c + "-role").endEnv()
          .endContainer().endSpec();
    }
    return b.build();
  }

  private static Ran exec(String pod, String container, String... command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream error = new ByteArrayOutputStream();
    try (ExecWatch watch = client.pods().inNamespace(NS).withName(pod).inContainer(container).writingOutput(out).writingError(err)
        .writingErrorChannel(error).exec(command)) {
      int code = watch.exitCode().get(30, TimeUnit.SECONDS);
      return new Ran(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code, error.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aCommandPrintsOnItsChannelsAndEndsWithItsExitCode() throws Exception {
    Ran ran = exec("api", "app", "sh", "-c", "echo \"running in $HOSTNAME as $ROLE\"; echo 'lost replica' >&2; exit 3");
    assertEquals("running in api as app-role\n", ran.stdout());
    assertEquals("lost replica\n", ran.stderr());
    assertEquals(3, ran.exitCode());
    assertTrue(ran.errorChannel().contains("\"reason\":\"NonZeroExitCode\""), ran.errorChannel());
  }

  @Test
  void aSucceedingCommandEndsWithZero() throws Exception {
    Ran ran = exec("api", "sidecar", "printenv", "ROLE");
    assertEquals(new Ran("sidecar-role\n", "", 0, ran.errorChannel()), ran);
    assertTrue(ran.errorChannel().contains("\"status\":\"Success\""), ran.errorChannel());
  }

  @Test
  void scriptsRunTheirOperatorsAndReportAMissingProgramAsTheShellDoes() throws Exception {
    Ran ran = exec("api", "app", "/bin/sh", "-c", "false || echo recovered && true; nosuch-tool --check\necho \"last: $?\"");
    assertEquals("recovered\nlast: 127\n", ran.stdout());
    assertEquals("sh: 1: nosuch-tool: not found\n", ran.stderr());
    assertEquals(0, ran.exitCode());
  }

  @Test
  void whatTheLabsShellDoesNotRunIsRefusedNotMisread() throws Exception {
    Ran ran = exec("api", "app", "sh", "-c", "env | grep ROLE");
    assertEquals("", ran.stdout());
    assertTrue(ran.stderr().startsWith("sh: 1: the lab's shell does not run \"|\""), ran.stderr());
    assertEquals(2, ran.exitCode());
  }

  @Test
  void aProgramTheContainerDoesNotHaveFailsToStart() throws Exception {
    Ran ran = exec("api", "app", "tctl", "status");
    assertTrue(ran.errorChannel().contains("exec: \\\"tctl\\\": executable file not found in $PATH"), ran.errorChannel());
    assertTrue(ran.errorChannel().contains("\"reason\":\"InternalError\""), ran.errorChannel());
    assertEquals("", ran.stdout() + ran.stderr());
  }

  @Test
  void aMissingPodIsNotFound() {
    KubernetesClientException missing = assertThrows(KubernetesClientException.class, () -> exec("gone", "app", "true"));
    assertEquals(404, missing.getCode(), missing.getMessage());
  }

  @Test
  void aPodNotRunningHasNoContainerToRunIn() throws Exception {
    lab.cluster("mgmt").failPods(NS, Map.of("app", "stuck"), "ImagePullBackOff", "Back-off pulling image");
    client.pods().inNamespace(NS).resource(pod("stuck", "app")).create();
    client.pods().inNamespace(NS).withName("stuck").waitUntilCondition(p -> p != null && p.getStatus() != null
        && p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty(), 60, TimeUnit.SECONDS);
    KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> exec("stuck", "app", "true"));
    // fabric8 keeps the refused upgrade's status code, not its body
    assertTrue(e.getCause() instanceof WebSocketHandshakeException, String.valueOf(e.getCause()));
    assertEquals(404, ((WebSocketHandshakeException) e.getCause()).getResponse().code());
  }
}
