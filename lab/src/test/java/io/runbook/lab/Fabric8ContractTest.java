package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab as fabric8 sees it: the API semantics the Kubernetes modules rely on. */
class Fabric8ContractTest {
  private static Lab lab;
  private static KubernetesClient client;

  @BeforeAll
  static void startLab() {
    lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1")).podReadyDelay(Duration.ofMillis(200))
        .build());
    client = lab.cluster("mgmt").client();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  static void namespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(op -> op.update());
  }

  static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
        .addNewContainer().withName("web").withImage("nginx:1.27").addNewPort().withContainerPort(80).endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  @Test
  void serverSideApplyCreatesThenUpdates() {
    namespace("ssa");
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("ssa").endMetadata()
        .addToData("a", "1").build();
    ConfigMap created = client.resource(cm).fieldManager("runbook").forceConflicts().serverSideApply();
    assertEquals("1", created.getData().get("a"));
    assertNotNull(created.getMetadata().getUid());
    cm.getData().put("b", "2");
    ConfigMap updated = client.resource(cm).fieldManager("runbook").forceConflicts().serverSideApply();
    assertEquals(Map.of("a", "1", "b", "2"), updated.getData());
    assertEquals(created.getMetadata().getUid(), updated.getMetadata().getUid());
    assertNotEquals(created.getMetadata().getResourceVersion(), updated.getMetadata().getResourceVersion());
  }

  @Test
  void applyingTheSameObjectTwiceKeepsTheResourceVersion() {
    namespace("ssa2");
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("same").withNamespace("ssa2").endMetadata()
        .addToData("k", "v").build();
    ConfigMap first = client.resource(cm).fieldManager("runbook").forceConflicts().serverSideApply();
    ConfigMap second = client.resource(cm).fieldManager("runbook").forceConflicts().serverSideApply();
    assertEquals(first.getMetadata().getResourceVersion(), second.getMetadata().getResourceVersion());
  }

  @Test
  void reapplyingWithoutAFieldRemovesWhatTheSameManagerApplied() {
    namespace("own");
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("owned").withNamespace("own")
        .addToLabels("team", "a").endMetadata().addToData("a", "1").addToData("b", "2").build();
    client.resource(cm).fieldManager("runbook").forceConflicts().serverSideApply();
    client.configMaps().inNamespace("own").withName("owned").edit(c -> {
      c.getData().put("other", "kept");
      return c;
    });
    cm.getData().remove("b");
    cm.getMetadata().setLabels(null);
    ConfigMap reapplied = client.resource(cm).fieldManager("runbook").forceConflicts().serverSideApply();
    assertEquals(Map.of("a", "1", "other", "kept"), reapplied.getData());
    assertTrue(reapplied.getMetadata().getLabels() == null || reapplied.getMetadata().getLabels().isEmpty());
  }

  @Test
  void applyingAnotherManagersFieldConflictsUnlessForced() {
    namespace("conflict");
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("shared").withNamespace("conflict")
        .endMetadata().addToData("owner", "first").build();
    client.resource(cm).fieldManager("first").serverSideApply();
    cm.getData().put("owner", "second");
    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> client.resource(cm).fieldManager("second").serverSideApply());
    assertEquals(409, e.getCode());
    assertTrue(e.getMessage().contains("conflict with \"first\": .data.owner"), e.getMessage());
    ConfigMap forced = client.resource(cm).fieldManager("second").forceConflicts().serverSideApply();
    assertEquals("second", forced.getData().get("owner"));
    cm.getData().put("extra", "x");
    cm.getData().put("owner", "second");
    assertEquals("x", client.resource(cm).fieldManager("second").serverSideApply().getData().get("extra"),
        "fields nobody else applied, or that already hold the applied value, do not conflict");
  }

  @Test
  void mergePatchDeletesNullsAndReplacesLists() {
    namespace("merge");
    Deployment d = deployment("merged", 1);
    d.getMetadata().setLabels(Map.of("keep", "yes", "drop", "yes"));
    client.apps().deployments().inNamespace("merge").resource(d).create();
    client.apps().deployments().inNamespace("merge").withName("merged").patch(
        PatchContext.of(PatchType.JSON_MERGE), """
            {"metadata":{"labels":{"drop":null}},
             "spec":{"template":{"spec":{"containers":[{"name":"app","image":"busybox:1"}]}}}}""");
    Deployment patched = client.apps().deployments().inNamespace("merge").withName("merged").get();
    assertEquals(Map.of("keep", "yes"), patched.getMetadata().getLabels());
    assertEquals(1, patched.getSpec().getTemplate().getSpec().getContainers().size());
    assertEquals("busybox:1", patched.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(2L, patched.getMetadata().getGeneration());
  }

  @Test
  void strategicMergeMergesContainersByName() {
    namespace("smp");
    client.apps().deployments().inNamespace("smp").resource(deployment("smp", 1)).create();
    client.apps().deployments().inNamespace("smp").withName("smp").patch(
        PatchContext.of(PatchType.STRATEGIC_MERGE), """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
             "containers":[{"name":"web","image":"nginx:1.28"}]}}}}""");
    var container = client.apps().deployments().inNamespace("smp").withName("smp").get()
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("nginx:1.28", container.getImage());
    assertEquals(80, container.getPorts().get(0).getContainerPort());
  }

  @Test
  void dryRunPersistsNothing() {
    namespace("dry");
    Secret secret = new SecretBuilder().withNewMetadata().withName("s").withNamespace("dry").endMetadata()
        .addToStringData("password", "x").build();
    Secret answered = client.secrets().inNamespace("dry").resource(secret).dryRun().create();
    assertEquals("Opaque", answered.getType());
    assertNull(client.secrets().inNamespace("dry").withName("s").get());
    client.secrets().inNamespace("dry").resource(secret).create();
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("dry").endMetadata()
        .addToData("a", "1").build();
    client.resource(cm).dryRun().fieldManager("runbook").forceConflicts().serverSideApply();
    assertNull(client.configMaps().inNamespace("dry").withName("c").get());
    client.secrets().inNamespace("dry").withName("s").dryRun().delete();
    assertNotNull(client.secrets().inNamespace("dry").withName("s").get());
    Secret stored = client.secrets().inNamespace("dry").withName("s").get();
    stored.setType("changed");
    assertEquals("changed", client.secrets().inNamespace("dry").resource(stored).dryRun().update().getType());
    assertEquals("Opaque", client.secrets().inNamespace("dry").withName("s").get().getType());
  }

  @Test
  void secretStringDataBecomesDataOfTypeOpaque() {
    namespace("sec");
    client.secrets().inNamespace("sec").resource(new SecretBuilder().withNewMetadata().withName("token")
        .endMetadata().addToStringData("token", "abc").build()).create();
    Secret stored = client.secrets().inNamespace("sec").withName("token").get();
    assertEquals("Opaque", stored.getType());
    assertFalse(client.genericKubernetesResources("v1", "Secret").inNamespace("sec").withName("token").get()
        .getAdditionalProperties().containsKey("stringData"));
    assertEquals("abc", new String(Base64.getDecoder().decode(stored.getData().get("token")),
        StandardCharsets.UTF_8));
  }

  @Test
  void creatingInAMissingNamespaceIsNotFound() {
    KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> client.configMaps()
        .inNamespace("nowhere").resource(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata()
            .build()).create());
    assertEquals(404, e.getCode());
  }

  @Test
  void discoveryListsBuiltInAndCustomKinds() {
    assertTrue(client.getApiGroups().getGroups().stream().anyMatch(g -> g.getName().equals("apps")));
    assertEquals("1", client.getKubernetesVersion().getMajor());
    assertEquals("v1.31.0", client.getKubernetesVersion().getGitVersion());
    assertTrue(client.getApiResources("apps/v1").getResources().stream()
        .anyMatch(r -> r.getName().equals("deployments") && r.getShortNames().contains("deploy")));
  }

  @Test
  void deploymentBecomesReadyWithItsReplicaSetAndPods() {
    namespace("rollout");
    client.apps().deployments().inNamespace("rollout").resource(deployment("web", 2)).create();
    Deployment ready = client.apps().deployments().inNamespace("rollout").withName("web")
        .waitUntilReady(180, TimeUnit.SECONDS);
    assertEquals(2, ready.getStatus().getReadyReplicas());
    assertEquals(2, ready.getStatus().getAvailableReplicas());
    var pods = client.pods().inNamespace("rollout").withLabel("app", "web").list().getItems();
    assertEquals(2, pods.size());
    assertTrue(pods.stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())));
    var rs = client.apps().replicaSets().inNamespace("rollout").list().getItems();
    assertEquals(1, rs.size());
    assertEquals("web-" + rs.get(0).getMetadata().getLabels().get("pod-template-hash"),
        rs.get(0).getMetadata().getName());
  }

  @Test
  void rollingRestartReplacesThePods() {
    namespace("restart");
    client.apps().deployments().inNamespace("restart").resource(deployment("api", 1)).create();
    client.apps().deployments().inNamespace("restart").withName("api").waitUntilReady(180, TimeUnit.SECONDS);
    String before = client.pods().inNamespace("restart").list().getItems().get(0).getMetadata().getName();
    client.apps().deployments().inNamespace("restart").withName("api").rolling().restart();
    client.apps().deployments().inNamespace("restart").withName("api").waitUntilCondition(d ->
        d.getStatus() != null && d.getStatus().getObservedGeneration() == 2L
            && Integer.valueOf(1).equals(d.getStatus().getUpdatedReplicas())
            && Integer.valueOf(1).equals(d.getStatus().getReplicas())
            && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas()), 180, TimeUnit.SECONDS);
    var pods = client.pods().inNamespace("restart").list().getItems();
    assertEquals(1, pods.size());
    assertNotEquals(before, pods.get(0).getMetadata().getName());
    assertEquals(2, client.apps().replicaSets().inNamespace("restart").list().getItems().size());
  }

  @Test
  void deletingADeploymentCollectsItsReplicaSetsAndPods() {
    namespace("gc");
    client.apps().deployments().inNamespace("gc").resource(deployment("gone", 2)).create();
    client.apps().deployments().inNamespace("gc").withName("gone").waitUntilReady(180, TimeUnit.SECONDS);
    client.apps().deployments().inNamespace("gc").withName("gone").delete();
    long deadline = System.currentTimeMillis() + 180_000;
    while (!client.pods().inNamespace("gc").list().getItems().isEmpty() && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    assertTrue(client.pods().inNamespace("gc").list().getItems().isEmpty());
    assertTrue(client.apps().replicaSets().inNamespace("gc").list().getItems().isEmpty());
  }

  @Test
  void deletingANamespaceDeletesItsContents() {
    namespace("doomed");
    client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder().withNewMetadata().withName("c")
        .endMetadata().build()).create();
    client.namespaces().withName("doomed").delete();
    client.namespaces().withName("doomed").waitUntilCondition(ns -> ns == null
        || "Terminating".equals(ns.getStatus().getPhase()), 180, TimeUnit.SECONDS);
    client.namespaces().withName("doomed").waitUntilCondition(java.util.Objects::isNull, 180, TimeUnit.SECONDS);
    assertNull(client.configMaps().inNamespace("doomed").withName("c").get());
  }

  @Test
  void loadBalancerServicesGetDistinctAddressesAcrossClusters() {
    for (String cluster : List.of("mgmt", "cp-1")) {
      lab.cluster(cluster).client().services().inNamespace("default").resource(
          new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("envoy").endMetadata()
              .withNewSpec().withType("LoadBalancer").addToSelector("app", "envoy").addNewPort().withPort(443)
              .endPort().endSpec().build()).create();
    }
    String[] ips = new String[2];
    for (int i = 0; i < 2; i++) {
      var svc = lab.cluster(i == 0 ? "mgmt" : "cp-1").client().services().inNamespace("default").withName("envoy")
          .waitUntilCondition(s -> s.getStatus() != null && s.getStatus().getLoadBalancer() != null
              && !s.getStatus().getLoadBalancer().getIngress().isEmpty(), 180, TimeUnit.SECONDS);
      ips[i] = svc.getStatus().getLoadBalancer().getIngress().get(0).getIp();
      assertTrue(svc.getSpec().getClusterIP().startsWith("10.96."));
      assertNotNull(svc.getSpec().getPorts().get(0).getNodePort());
    }
    assertTrue(ips[0].startsWith("203.0.113."));
    assertNotEquals(ips[0], ips[1]);
  }

  @Test
  void namespacesAreActiveWithADefaultServiceAccount() {
    namespace("fresh");
    assertEquals("Active", client.namespaces().withName("fresh").get().getStatus().getPhase());
    var account = client.serviceAccounts().inNamespace("fresh").withName("default");
    try {
      assertNotNull(account.waitUntilCondition(s -> s != null, 180, TimeUnit.SECONDS));
    } catch (io.fabric8.kubernetes.client.KubernetesClientTimeoutException e) {
      // tell the two ways this can fail apart: the controller never made it, or a watch missed its creation
      throw new AssertionError(account.get() == null ? "the lab never created the default ServiceAccount"
          : "the default ServiceAccount exists but the watch never delivered it", e);
    }
  }

  @Test
  void setBasedAndFieldSelectorsFilterLists() {
    namespace("sel");
    for (String tier : List.of("web", "db", "cache")) {
      client.configMaps().inNamespace("sel").resource(new ConfigMapBuilder().withNewMetadata().withName(tier)
          .addToLabels("tier", tier).endMetadata().build()).create();
    }
    assertEquals(2, client.configMaps().inNamespace("sel").withLabelIn("tier", "web", "db").list().getItems()
        .size());
    assertEquals(1, client.configMaps().inNamespace("sel").withLabelNotIn("tier", "web", "db").list().getItems()
        .size());
    assertEquals(1, client.configMaps().inNamespace("sel").withField("metadata.name", "db").list().getItems()
        .size());
  }

  @Test
  void scaleSubresourceChangesReplicas() {
    namespace("scale");
    client.apps().deployments().inNamespace("scale").resource(deployment("s", 1)).create();
    // the controller writes the status of a new deployment; a Scale read before that write is stale
    // and its PUT is refused with 409 Conflict, as a real API server does
    client.apps().deployments().inNamespace("scale").withName("s")
        .waitUntilCondition(x -> x.getStatus() != null && Integer.valueOf(1).equals(x.getStatus().getAvailableReplicas()),
            180, TimeUnit.SECONDS);
    client.apps().deployments().inNamespace("scale").withName("s").scale(3);
    Deployment d = client.apps().deployments().inNamespace("scale").withName("s")
        .waitUntilCondition(x -> x.getStatus() != null && Integer.valueOf(3).equals(x.getStatus().getReadyReplicas()),
            180, TimeUnit.SECONDS);
    assertEquals(3, d.getSpec().getReplicas());
  }

  @Test
  void watchesDeliverChanges() throws Exception {
    namespace("watch");
    var events = new java.util.concurrent.LinkedBlockingQueue<String>();
    try (var watch = client.configMaps().inNamespace("watch").watch(new io.fabric8.kubernetes.client.Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
      }
    })) {
      client.configMaps().inNamespace("watch").resource(new ConfigMapBuilder().withNewMetadata().withName("w")
          .endMetadata().build()).create();
      assertEquals("ADDED w", events.poll(180, TimeUnit.SECONDS));
    }
    assertFalse(events.contains("DELETED w"));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
