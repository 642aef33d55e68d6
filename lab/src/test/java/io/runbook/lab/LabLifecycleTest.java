package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, reaching and stopping labs: TLS, kubeconfig, {@code lab up}, snapshots, plain HTTP watches. */
class LabLifecycleTest {

  @Test
  void optionsRejectDuplicateAndInvalidClusterNames() {
    assertThrows(IllegalArgumentException.class, () -> LabOptions.builder().clusters(List.of("a", "a")).build());
    assertThrows(IllegalArgumentException.class, () -> LabOptions.builder().clusters(List.of("Bad_Name")).build());
    assertThrows(IllegalArgumentException.class, () -> LabOptions.builder().clusters(List.of()).build());
    assertThrows(IllegalArgumentException.class, () -> LabOptions.builder().clusters(List.of("a"))
        .loadBalancerNetworks(List.of("10.0.0.0/24")).build());
  }

  @Test
  void kubeconfigHasOneContextPerClusterNamedAfterIt(@TempDir Path dir) throws Exception {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1", "cp-2")).build())) {
      Path file = dir.resolve("kube/config");
      lab.writeKubeconfig(file);
      String yaml = Files.readString(file);
      assertEquals(yaml, lab.kubeconfigYaml());
      for (LabCluster cluster : lab.clusters()) {
        assertTrue(yaml.contains("- name: \"" + cluster.name() + "\"\n  context:\n    cluster: \"" + cluster.name()
            + "\"\n    user: \"" + cluster.name() + "\""), yaml);
        assertTrue(yaml.contains("server: \"" + cluster.apiUrl() + "\""), yaml);
      }
      var config = io.fabric8.kubernetes.client.Config.fromKubeconfig("cp-2", yaml, null);
      assertEquals(lab.cluster("cp-2").apiUrl() + "/", config.getMasterUrl());
      assertThrows(IllegalArgumentException.class, () -> lab.cluster("nope"));
    }
  }

  @Test
  void tlsLabIsReachableThroughItsPinnedCertificateAuthority(@TempDir Path dir) throws Exception {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("secure")).tls(true).build())) {
      LabCluster cluster = lab.cluster("secure");
      assertTrue(cluster.apiUrl().startsWith("https://127.0.0.1:"));
      assertTrue(lab.kubeconfigYaml().contains("certificate-authority-data: "));
      cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("over-tls").endMetadata().build()).create();
      assertEquals("over-tls", cluster.client().configMaps().inNamespace("default").withName("over-tls").get()
          .getMetadata().getName());
      Assumptions.assumeTrue(KubectlContractTest.onPath("kubectl"), "kubectl not on PATH");
      Path kubeconfig = dir.resolve("config");
      lab.writeKubeconfig(kubeconfig);
      Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "--cache-dir",
          dir.resolve("kube-cache").toString(), "get", "cm",
          "over-tls", "-o", "name").redirectErrorStream(true).start();
      assertTrue(kubectl.waitFor(5, TimeUnit.MINUTES));
      assertEquals("configmap/over-tls", new String(kubectl.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).trim());
    }
  }

  @Test
  void labUpPrintsEachClusterAndReadyThenStopsWhenInterrupted(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Path kubeconfig = dir.resolve("lab.kubeconfig");
    int[] exit = {-1};
    Thread up = new Thread(() -> exit[0] = LabUp.run(List.of("mgmt", "cp-1"), false, kubeconfig, out, out));
    up.start();
    long deadline = System.currentTimeMillis() + 180_000;
    while (!bytes.toString(StandardCharsets.UTF_8).contains("lab ready") && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.matches("(?s)mgmt  http://127\\.0\\.0\\.1:\\d+  context mgmt\ncp-1  http://127\\.0\\.0\\.1:\\d+"
        + "  context cp-1\nlab ready\n"), printed);
    assertTrue(Files.readString(kubeconfig).contains("current-context: \"mgmt\""));
    up.interrupt();
    up.join(300_000);  // bounds a hang; closing the lab on a busy machine may take a while
    assertEquals(0, exit[0]);
    // a mistake in the options on the error stream, nothing on the output
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    assertEquals(2, LabUp.run(List.of("UPPER"), false, kubeconfig, new PrintStream(none, true, StandardCharsets.UTF_8),
        new PrintStream(errors, true, StandardCharsets.UTF_8)));
    assertTrue(errors.toString(StandardCharsets.UTF_8).startsWith("lab up: "), errors.toString(StandardCharsets.UTF_8));
    assertEquals("", none.toString(StandardCharsets.UTF_8));
  }

  @Test
  void snapshotSeedsAnEquivalentCluster() {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("old", "new")).build())) {
      LabCluster old = lab.cluster("old");
      old.seed("""
          apiVersion: v1
          kind: Namespace
          metadata: {name: tsb}
          ---
          apiVersion: v1
          kind: Secret
          metadata: {name: iam-signing-key, namespace: tsb}
          stringData: {key: secret-value}
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: oap, namespace: tsb}
          spec:
            selector: {matchLabels: {app: oap}}
            template:
              metadata: {labels: {app: oap}}
              spec: {containers: [{name: oap, image: oap:1}]}
          """);
      old.client().apps().deployments().inNamespace("tsb").withName("oap").waitUntilReady(180, TimeUnit.SECONDS);
      String snapshot = old.snapshotYaml();
      assertTrue(!snapshot.contains("kind: \"Pod\"") && !snapshot.contains("kind: Pod"), snapshot);
      LabCluster fresh = lab.cluster("new");
      fresh.seed(snapshot);
      assertEquals(old.client().secrets().inNamespace("tsb").withName("iam-signing-key").get().getData(),
          fresh.client().secrets().inNamespace("tsb").withName("iam-signing-key").get().getData());
      fresh.client().apps().deployments().inNamespace("tsb").withName("oap").waitUntilReady(180, TimeUnit.SECONDS);
    }
  }

  @Test
  void aWatchFromAListsVersionReplaysWhatChangedInBetween() throws Exception {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("gap")).build())) {
      LabCluster cluster = lab.cluster("gap");
      var configMaps = cluster.client().configMaps().inNamespace("default");
      String listed = configMaps.list().getMetadata().getResourceVersion();
      configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("brief").endMetadata().build()).create();
      configMaps.withName("brief").delete();
      HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.apiUrl()
          + "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=300&resourceVersion=" + listed)).build();
      HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofLines());
      Iterator<String> lines = response.body().iterator();
      String added = lines.next();
      String deleted = lines.next();
      assertTrue(added.contains("\"type\":\"ADDED\"") && added.contains("\"name\":\"brief\""), added);
      assertTrue(deleted.contains("\"type\":\"DELETED\"") && deleted.contains("\"name\":\"brief\""), deleted);
      response.body().close();
    }
  }

  @Test
  void loadBalancerAddressesCanComeFromALoopbackNetwork() {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("lb")).loadBalancerNetworks(List.of("127.0.10."))
        .build())) {
      var services = lab.cluster("lb").client().services().inNamespace("default");
      services.resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("envoy")
          .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(443).endPort().endSpec()
          .build()).create();
      var ready = services.withName("envoy").waitUntilCondition(s -> s.getStatus() != null
          && s.getStatus().getLoadBalancer() != null && !s.getStatus().getLoadBalancer().getIngress().isEmpty(),
          180, TimeUnit.SECONDS);
      assertEquals("127.0.10.10", ready.getStatus().getLoadBalancer().getIngress().get(0).getIp());
    }
  }

  @Test
  void closingALabStopsItsThreadsAndFreesItsPorts() throws Exception {
    Lab lab = Lab.start(LabOptions.builder().clusters(List.of("short-lived")).build());
    String url = lab.cluster("short-lived").apiUrl();
    lab.cluster("short-lived").client().namespaces().list();
    lab.close();
    long deadline = System.currentTimeMillis() + 180_000;
    while (labThreads() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, labThreads(), "lab threads left after close");
    assertThrows(java.net.ConnectException.class, () -> HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/version")).build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static long labThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("lab-controllers")).count();
  }

  @Test
  void plainHttpWatchStreamsEventsForGoClients() throws Exception {
    try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("watched")).build())) {
      LabCluster cluster = lab.cluster("watched");
      HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.apiUrl()
          + "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=300")).build();
      HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofLines());
      assertEquals(200, response.statusCode());
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
      cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("streamed").endMetadata().build()).create();
      Iterator<String> lines = response.body().iterator();
      String event = lines.next();
      assertTrue(event.contains("\"type\":\"ADDED\"") && event.contains("\"name\":\"streamed\""), event);
      response.body().close();
    }
  }

}
