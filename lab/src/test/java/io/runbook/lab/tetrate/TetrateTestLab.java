package io.runbook.lab.tetrate;

import static org.junit.jupiter.api.Assertions.fail;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.runbook.lab.Lab;
import io.runbook.lab.LabCluster;
import io.runbook.lab.LabOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A lab with mgmt and control planes plus the Tetrate behaviours at test pace, and the steps the recovery
 * playbooks take (apply backups, helm install, repoint DNS), done with the clients the playbooks use.
 */
final class TetrateTestLab implements AutoCloseable {
  static final String FQDN = "tsb.dr.example.test";
  /** How long a condition may take on a loaded machine before the test gives up (only a broken lab takes this long). */
  static final Duration PATIENCE = Duration.ofMinutes(3);
  final Lab lab;
  final TetrateLab tetrate;
  final FixedNameResolver dns = new FixedNameResolver();
  final ScenarioSetup setup;
  final Path backupDir;
  final String mesh;

  TetrateTestLab(Path dir, List<String> clusters, Scenario scenario, Variants variants) throws IOException {
    this(dir, clusters, scenario, variants, "tsb");
  }

  TetrateTestLab(Path dir, List<String> clusters, Scenario scenario, Variants variants, String mesh)
      throws IOException {
    this.mesh = mesh;
    System.setProperty("com.marcnuri.jkube-helm.skipRemoteJar", "true");
    lab = Lab.start(LabOptions.builder().clusters(clusters).podReadyDelay(Duration.ofMillis(100)).build());
    try {
      tetrate = TetrateLab.start(lab, TetrateLabOptions.builder().stateDir(dir.resolve("state")).resolver(dns)
          .mesh(mesh).timing(Timing.fast()).build());
      backupDir = dir.resolve("backup");
      setup = tetrate.apply(scenario, variants, backupDir);
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  LabCluster mgmt() {
    return lab.cluster("mgmt");
  }

  KubernetesClient cp(String name) {
    return lab.cluster(name).client();
  }

  /** Recovery steps 2–4: namespace, saved secrets, helm install of the stand-in chart with the saved values. */
  Release installManagementPlane() throws IOException {
    KubernetesClient client = mgmt().client();
    client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(mesh)
        .endMetadata().build()).serverSideApply();
    for (String file : List.of("iam-signing-key.yaml", "credentials.yaml")) {
      Path path = backupDir.resolve(file);
      if (Files.exists(path)) {
        client.load(Files.newInputStream(path)).inNamespace(mesh).serverSideApply();
      }
    }
    return new Helm(chart()).install().withName("mp").withNamespace(mesh)
        .withKubeConfigContents(mgmt().kubeconfigYaml()).withValuesFile(backupDir.resolve("mp-values.yaml"))
        .waitReady().withTimeout(60).call();
  }

  static Path chart() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("playbooks/charts/managementplane"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("playbooks/charts/managementplane not found above " + System.getProperty(
          "user.dir"));
    }
    return dir.resolve("playbooks/charts/managementplane");
  }

  String managementPlanePhase() {
    GenericKubernetesResource cr = mgmt().client().genericKubernetesResources(ManagementPlaneOperator
        .MANAGEMENT_PLANES).inNamespace(mesh).withName("managementplane").get();
    return cr == null || !(cr.getAdditionalProperties().get("status") instanceof Map<?, ?> status) ? null
        : String.valueOf(status.get("phase"));
  }

  String xcpStatus(String cluster) {
    GenericKubernetesResource cr = cp(cluster).genericKubernetesResources(ControlPlaneOperator.CONTROL_PLANES)
        .inNamespace("istio-system").withName("controlplane").get();
    return cr == null || !(cr.getAdditionalProperties().get("status") instanceof Map<?, ?> status) ? null
        : String.valueOf(status.get("xcp"));
  }

  /** The last line of the first edge pod's {@code edge} container, or "" when it has none. */
  String lastEdgeLine(String cluster) {
    List<Pod> pods = cp(cluster).pods().inNamespace("istio-system").withLabel("app", "edge").list().getItems();
    if (pods.isEmpty()) {
      return "";
    }
    List<String> lines = lab.cluster(cluster).podLog("istio-system", pods.get(0).getMetadata().getName(), "edge");
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  List<String> operatorLog(String cluster) {
    List<Pod> pods = cp(cluster).pods().inNamespace("istio-system").withLabel("name", "tsb-operator").list()
        .getItems();
    return pods.isEmpty() ? List.of()
        : lab.cluster(cluster).podLog("istio-system", pods.get(0).getMetadata().getName(), "tsb-operator");
  }

  /** What {@code kubectl logs -n tsb -l name=tsb-operator} shows on mgmt. */
  List<String> managementPlaneOperatorLog() {
    List<Pod> pods = mgmt().client().pods().inNamespace(mesh).withLabel("name", "tsb-operator").list().getItems();
    return pods.isEmpty() ? List.of()
        : mgmt().podLog(mesh, pods.get(0).getMetadata().getName(), "tsb-operator");
  }

  PinnedHttpsClient.Response health(String path) throws IOException {
    var client = new PinnedHttpsClient(MpCertificates.trusting(Files.readString(tetrate.rootCaFile())),
        Duration.ofMinutes(2));
    return client.get(FQDN, tetrate.envoyAddress(), 8443, path);
  }

  static void eventually(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for: " + what);
      }
    }
    fail("not within " + within.toMillis() + " ms: " + what);
  }

  @Override
  public void close() {
    tetrate.close();
    lab.close();
  }
}
