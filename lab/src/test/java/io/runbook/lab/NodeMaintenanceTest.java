package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a drain needs of the lab (kubectl drain, kubernetes.core's k8s_drain and k8s_taint): the pods/eviction
 * subresource with PodDisruptionBudgets, JSON patches of a node, and a cordoned or tainted node that takes no new pod.
 */
class NodeMaintenanceTest {
  private static final String NODE = "maint-node";
  private static Lab lab;
  private static KubernetesClient client;

  @BeforeAll
  static void startLab() {
    lab = Lab.start(LabOptions.builder().clusters(List.of("maint")).podReadyDelay(Duration.ofMillis(100)).build());
    client = lab.cluster("maint").client();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  @Test
  void evictionDeletesThePodUnlessItsDisruptionBudgetForbids() {
    lab.cluster("maint").seed("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: evict}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: free, namespace: evict, labels: {app: free}}
        spec: {containers: [{name: c, image: busybox}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: guarded, namespace: evict, labels: {app: guarded}}
        spec: {containers: [{name: c, image: busybox}]}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: guarded, namespace: evict}
        spec: {minAvailable: 1, selector: {matchLabels: {app: guarded}}}
        """);
    for (String name : List.of("free", "guarded")) {
      client.pods().inNamespace("evict").withName(name).waitUntilReady(30, TimeUnit.SECONDS);
    }
    assertTrue(client.pods().inNamespace("evict").withName("free").evict());
    assertNull(client.pods().inNamespace("evict").withName("free").get());
    // fabric8 answers false for the API server's 429: the budget allows no disruption now
    assertFalse(client.pods().inNamespace("evict").withName("guarded").evict());
    assertTrue(client.pods().inNamespace("evict").withName("guarded").get() != null);
    KubernetesClientException missing = assertThrows(KubernetesClientException.class,
        () -> client.pods().inNamespace("evict").withName("gone").evict());
    assertEquals(404, missing.getCode());
    assertTrue(client.getApiResources("v1").getResources().stream()
        .anyMatch(r -> r.getName().equals("pods/eviction") && "Eviction".equals(r.getKind())
            && "policy".equals(r.getGroup()) && r.getVerbs().equals(List.of("create"))));
  }

  @Test
  void aCordonedOrTaintedNodeTakesNoNewPodUntilItIsFreed() {
    lab.cluster("maint").seed("apiVersion: v1\nkind: Namespace\nmetadata: {name: sched}\n");
    client.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON),
        "[{\"op\": \"add\", \"path\": \"/spec/unschedulable\", \"value\": true}]");
    Pod waiting = pod("while-cordoned");
    Pod pending = client.pods().inNamespace("sched").withName(waiting.getMetadata().getName()).waitUntilCondition(
        p -> p.getStatus() != null && p.getStatus().getConditions().stream().anyMatch(c -> "Unschedulable".equals(c.getReason())),
        30, TimeUnit.SECONDS);
    assertEquals("Pending", pending.getStatus().getPhase());
    assertNull(pending.getSpec().getNodeName());
    assertEquals("0/1 nodes are available: 1 node(s) were unschedulable.", pending.getStatus().getConditions().get(0).getMessage());

    client.nodes().withName(NODE).patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\": {\"unschedulable\": false, \"taints\": [{\"key\": \"dedicated\", \"value\": \"dr\", \"effect\": \"NoSchedule\"}]}}");
    Pod stillPending = client.pods().inNamespace("sched").withName("while-cordoned").waitUntilCondition(
        p -> p.getStatus().getConditions().stream().anyMatch(c -> c.getMessage() != null && c.getMessage().contains("untolerated taint")),
        30, TimeUnit.SECONDS);
    assertNull(stillPending.getSpec().getNodeName());

    client.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON), "[{\"op\": \"remove\", \"path\": \"/spec/taints\"}]");
    Pod placed = client.pods().inNamespace("sched").withName("while-cordoned").waitUntilReady(30, TimeUnit.SECONDS);
    assertEquals(NODE, placed.getSpec().getNodeName());
  }

  private static Pod pod(String name) {
    lab.cluster("maint").seed("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: sched}\n"
        + "spec: {containers: [{name: c, image: busybox}]}\n");
    return client.pods().inNamespace("sched").withName(name).get();
  }
}
