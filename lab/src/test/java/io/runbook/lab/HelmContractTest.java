package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab as Helm (helm-java, in process) sees it: install, list, upgrade, wait and uninstall of a small chart. */
class HelmContractTest {
  private static Lab lab;
  private static Path chart;

  @BeforeAll
  static void startLab() throws URISyntaxException {
    System.setProperty("com.marcnuri.jkube-helm.skipRemoteJar", "true");
    lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1")).podReadyDelay(Duration.ofMillis(200))
        .build());
    chart = Path.of(Objects.requireNonNull(HelmContractTest.class.getResource("/charts/hello")).toURI());
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  @Test
  void helmTrustsTheLabCertificateAuthorityOverTls() {
    try (Lab secure = Lab.start(LabOptions.builder().clusters(List.of("secure")).tls(true).build())) {
      String kubeconfig = secure.cluster("secure").kubeconfigYaml();
      Release installed = whileUnreachable(() -> new Helm(chart).install().withName("tls-demo").withNamespace("default")
          .withKubeConfigContents(kubeconfig).call());
      assertEquals("deployed", installed.getStatus());
      assertEquals(List.of("tls-demo"), Helm.list().withKubeConfigContents(kubeconfig).call().stream()
          .map(Release::getName).toList());
    }
  }

  /**
   * Helm's Go client gives up on a TLS handshake after a fixed 10 s, which a very loaded machine can exceed even
   * against a warmed-up lab: asking again is what an operator would do (only that error, only before anything ran).
   */
  private static Release whileUnreachable(java.util.function.Supplier<Release> call) {
    for (int attempt = 1;; attempt++) {
      try {
        return call.get();
      } catch (IllegalStateException e) {
        if (attempt >= 5 || !String.valueOf(e.getMessage()).contains("Kubernetes cluster unreachable")) {
          throw e;
        }
      }
    }
  }

  @Test
  void installWaitUpgradeListAndUninstallARelease() {
    LabCluster cluster = lab.cluster("cp-1");
    String kubeconfig = cluster.kubeconfigYaml();
    KubernetesClient client = cluster.client();

    Release installed = new Helm(chart).install().withName("demo").withNamespace("apps").createNamespace()
        .withKubeConfigContents(kubeconfig).waitReady().withTimeout(60).call();
    assertEquals("deployed", installed.getStatus());
    assertEquals("1", installed.getRevision());
    assertEquals(1, client.apps().deployments().inNamespace("apps").withName("demo-web").get().getStatus()
        .getReadyReplicas());
    assertTrue(client.services().inNamespace("apps").withName("demo-web").get().getSpec().getClusterIP()
        .startsWith("10.96."));

    List<Release> listed = Helm.list().withNamespace("apps").withKubeConfigContents(kubeconfig).call();
    assertEquals(List.of("demo"), listed.stream().map(Release::getName).toList());

    Release upgraded = new Helm(chart).upgrade().withName("demo").withNamespace("apps")
        .withKubeConfigContents(kubeconfig).set("replicas", 3).set("message", "changed").waitReady()
        .withTimeout(60).call();
    assertEquals("2", upgraded.getRevision());
    assertEquals("changed", client.configMaps().inNamespace("apps").withName("demo-config").get().getData()
        .get("message"));
    var deployment = client.apps().deployments().inNamespace("apps").withName("demo-web")
        .waitUntilReady(180, TimeUnit.SECONDS);
    assertEquals(3, deployment.getStatus().getReadyReplicas());
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(8080, container.getPorts().get(0).getContainerPort(), "strategic merge kept the ports");
    assertEquals("MESSAGE", container.getEnv().get(0).getName());

    Helm.uninstall("demo").withNamespace("apps").withKubeConfigContents(kubeconfig).call();
    assertTrue(Helm.list().withNamespace("apps").withKubeConfigContents(kubeconfig).call().isEmpty());
    assertNull(client.configMaps().inNamespace("apps").withName("demo-config").get());
    assertTrue(lab.cluster("mgmt").client().configMaps().inNamespace("apps").list().getItems().isEmpty());
  }
}
