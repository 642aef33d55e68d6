package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's own API: seeding, pod logs, failure injection, and the controllers beyond Deployments. */
class LabClusterTest {
  private static Lab lab;
  private static LabCluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void startLab() {
    lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt")).podReadyDelay(Duration.ofMillis(150)).build());
    cluster = lab.cluster("mgmt");
    client = cluster.client();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  @Test
  void seedingCreatesCustomResourceDefinitionsAndTheirObjects() {
    List<String> seeded = cluster.seed("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: cert-manager}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: certificates.cert-manager.io}
        spec:
          group: cert-manager.io
          scope: Namespaced
          names: {kind: Certificate, plural: certificates, singular: certificate, shortNames: [cert]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: tsb-certs, namespace: cert-manager}
        spec: {secretName: tsb-certs, dnsNames: [tsb.example.com]}
        status:
          conditions: [{type: Ready, status: "True"}]
        """);
    assertEquals(List.of("Namespace/cert-manager", "CustomResourceDefinition/certificates.cert-manager.io",
        "Certificate/tsb-certs"), seeded);
    var context = new ResourceDefinitionContext.Builder().withGroup("cert-manager.io").withVersion("v1")
        .withKind("Certificate").withPlural("certificates").withNamespaced(true).build();
    var certificate = client.genericKubernetesResources(context).inNamespace("cert-manager").withName("tsb-certs")
        .get();
    assertEquals("tsb.example.com", ((List<?>) ((Map<?, ?>) certificate.getAdditionalProperties().get("spec"))
        .get("dnsNames")).get(0));
    assertTrue(certificate.getAdditionalProperties().containsKey("status"));
    assertTrue(client.getApiResources("cert-manager.io/v1").getResources().stream()
        .anyMatch(r -> r.getKind().equals("Certificate") && r.getShortNames().contains("cert")));
    client.apiextensions().v1().customResourceDefinitions().withName("certificates.cert-manager.io").delete();
    assertTrue(client.getApiGroups().getGroups().stream().noneMatch(g -> g.getName().equals("cert-manager.io")));
    cluster.seed("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: certificates.cert-manager.io}
        spec:
          group: cert-manager.io
          scope: Namespaced
          names: {kind: Certificate, plural: certificates}
          versions: [{name: v1, served: true, storage: true}]
        """);
    assertTrue(client.genericKubernetesResources(context).inNamespace("cert-manager").list().getItems().isEmpty(),
        "the certificates went with their CRD");
  }

  @Test
  void seedingFromAFileNamesTheObjectThatFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cluster.seed(file));
    assertTrue(e.getMessage().contains("Widget/w"), e.getMessage());
  }

  @Test
  void podLogsHonourContainerTailLinesAndFollow() throws Exception {
    client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("edge")
        .endMetadata().withNewSpec().addNewContainer().withName("edge").withImage("edge:1").endContainer()
        .addNewContainer().withName("sidecar").withImage("envoy:1").endContainer().endSpec().build()).create();
    cluster.appendPodLog("default", "edge", "edge", "connecting to tsb.example.com:8443");
    cluster.appendPodLog("default", "edge", "edge", "x509: certificate signed by unknown authority");
    cluster.appendPodLog("default", "edge", "sidecar", "envoy started");
    var edge = client.pods().inNamespace("default").withName("edge").inContainer("edge");
    assertEquals("connecting to tsb.example.com:8443\nx509: certificate signed by unknown authority\n",
        edge.getLog());
    assertEquals("x509: certificate signed by unknown authority\n",
        client.pods().inNamespace("default").withName("edge").inContainer("edge").tailingLines(1).getLog());
    assertEquals("envoy started\n", client.pods().inNamespace("default").withName("edge").inContainer("sidecar")
        .getLog());
    assertEquals(List.of("envoy started"), cluster.podLog("default", "edge", "sidecar"));
    try (var watch = client.pods().inNamespace("default").withName("edge").inContainer("edge").watchLog();
        var reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      assertEquals("connecting to tsb.example.com:8443", reader.readLine());
      assertEquals("x509: certificate signed by unknown authority", reader.readLine());
      cluster.appendPodLog("default", "edge", "edge", "synced with management plane");
      assertEquals("synced with management plane", reader.readLine());
    }
  }

  @Test
  void aRecreatedPodStartsWithAnEmptyLog() {
    var pod = new PodBuilder().withNewMetadata().withName("reborn").endMetadata().withNewSpec().addNewContainer()
        .withName("main").withImage("busybox:1").endContainer().endSpec().build();
    client.pods().inNamespace("default").resource(pod).create();
    cluster.appendPodLog("default", "reborn", null, "old life");
    client.pods().inNamespace("default").withName("reborn").delete();
    client.pods().inNamespace("default").resource(pod).create();
    assertEquals("", client.pods().inNamespace("default").withName("reborn").getLog());
  }

  @Test
  void logsCanBeWrittenToEveryPodOfASelector() {
    client.apps().deployments().inNamespace("default").resource(Fabric8ContractTest.deployment("logged", 2))
        .create();
    client.apps().deployments().inNamespace("default").withName("logged").waitUntilReady(180, TimeUnit.SECONDS);
    assertEquals(2, cluster.appendPodLogs("default", Map.of("app", "logged"), null, "hello from every pod"));
    String deploymentLog = client.apps().deployments().inNamespace("default").withName("logged").getLog();
    assertTrue(deploymentLog.contains("hello from every pod"), deploymentLog);
  }

  @Test
  void stuckPodsShowTheirWaitingReasonUntilTheFaultIsLifted() {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("stuck").endMetadata().build()).create();
    cluster.failPods("stuck", Map.of("app", "oap"), "ImagePullBackOff", "Back-off pulling image \"oap:bad\"");
    client.apps().deployments().inNamespace("stuck").resource(Fabric8ContractTest.deployment("oap", 1)).create();
    Pod pod = client.pods().inNamespace("stuck").withLabel("app", "oap").informOnCondition(pods -> pods.stream()
        .anyMatch(p -> p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
            && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
            && "ImagePullBackOff".equals(p.getStatus().getContainerStatuses().get(0).getState().getWaiting()
                .getReason())))
        .thenApply(pods -> pods.get(0)).toCompletableFuture().join();
    assertEquals("Pending", pod.getStatus().getPhase());
    var events = client.v1().events().inNamespace("stuck")
        .withField("involvedObject.name", pod.getMetadata().getName()).list().getItems();
    assertTrue(events.stream().anyMatch(e -> e.getType().equals("Warning")
        && e.getMessage().equals("Back-off pulling image \"oap:bad\"")), events.toString());
    assertFalse(pod.getStatus().getContainerStatuses().get(0).getReady());
    var deployment = client.apps().deployments().inNamespace("stuck").withName("oap").get();
    assertEquals("False", deployment.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Available")).findFirst().orElseThrow().getStatus());
    cluster.clearPodFailures();
    client.apps().deployments().inNamespace("stuck").withName("oap").waitUntilReady(180, TimeUnit.SECONDS);
  }

  @Test
  void aPodWaitsForTheSecretsItNeedsUntilTheyExist() {
    cluster.seed("apiVersion: v1\nkind: Namespace\nmetadata: {name: creds}\n");
    cluster.seed("""
        apiVersion: v1
        kind: Pod
        metadata: {name: env, namespace: creds}
        spec:
          containers:
          - name: app
            image: app:1
            env:
            - {name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
            - {name: TOKEN, valueFrom: {secretKeyRef: {name: absent, key: token, optional: true}}}
          - {name: sidecar, image: sidecar:1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: mounted, namespace: creds}
        spec:
          volumes: [{name: credentials, secret: {secretName: db}}, {name: extra, secret: {secretName: absent, optional: true}}]
          containers: [{name: app, image: app:1}]
        """);
    var pods = client.pods().inNamespace("creds");
    Pod env = pods.withName("env").waitUntilCondition(p -> waiting(p, 0) != null
        && "CreateContainerConfigError".equals(waiting(p, 0).getReason()), 180, TimeUnit.SECONDS);
    assertEquals("secret \"db\" not found", waiting(env, 0).getMessage());
    assertEquals("ContainerCreating", waiting(env, 1).getReason(), "the other container does not name the Secret");
    Pod mounted = pods.withName("mounted").waitUntilCondition(p -> waiting(p, 0) != null, 180, TimeUnit.SECONDS);
    assertEquals("ContainerCreating", waiting(mounted, 0).getReason());
    client.v1().events().inNamespace("creds").withField("involvedObject.name", "mounted").informOnCondition(events ->
        events.stream().anyMatch(e -> "FailedMount".equals(e.getReason()) && e.getType().equals("Warning")
            && e.getMessage().equals("MountVolume.SetUp failed for volume \"credentials\" : secret \"db\" not found")))
        .toCompletableFuture().join();
    assertEquals("Pending", pods.withName("env").get().getStatus().getPhase());
    // a Secret without owners starts no pass of the controllers: the pods find it when they look again
    client.secrets().inNamespace("creds").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
        .withName("db").endMetadata().addToStringData("password", "pw").build()).create();
    pods.withName("env").waitUntilReady(180, TimeUnit.SECONDS);
    pods.withName("mounted").waitUntilReady(180, TimeUnit.SECONDS);
  }

  private static io.fabric8.kubernetes.api.model.ContainerStateWaiting waiting(Pod pod, int container) {
    var statuses = pod == null || pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
    return statuses == null || statuses.size() <= container || statuses.get(container).getState() == null ? null
        : statuses.get(container).getState().getWaiting();
  }

  @Test
  void servicesListTheAddressesOfTheirReadyPods() {
    client.apps().deployments().inNamespace("default").resource(Fabric8ContractTest.deployment("backend", 2))
        .create();
    client.services().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
        .withNewMetadata().withName("backend").endMetadata().withNewSpec().addToSelector("app", "backend")
        .addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort().endSpec().build()).create();
    var endpoints = client.endpoints().inNamespace("default").withName("backend").waitUntilCondition(e ->
        e != null && !e.getSubsets().isEmpty() && e.getSubsets().get(0).getAddresses().size() == 2,
        180, TimeUnit.SECONDS);
    assertEquals(8080, endpoints.getSubsets().get(0).getPorts().get(0).getPort());
    client.services().inNamespace("default").withName("backend").delete();
    client.endpoints().inNamespace("default").withName("backend").waitUntilCondition(java.util.Objects::isNull,
        180, TimeUnit.SECONDS);
  }

  @Test
  void addedControllersRecreateWhatTheyOwnAndRunAgainWhenAsked() throws Exception {
    cluster.seed("apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n");
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    cluster.addController(c -> {
      calls.incrementAndGet();
      var secrets = c.client().secrets().inNamespace("istio-system");
      if (secrets.withName("otel-token").get() == null) {
        secrets.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
            .withName("otel-token").endMetadata().addToStringData("token", "issued").build()).create();
      }
      return Duration.ofMillis(100);
    });
    var secrets = client.secrets().inNamespace("istio-system");
    String first = secrets.withName("otel-token").waitUntilCondition(java.util.Objects::nonNull, 180,
        TimeUnit.SECONDS).getMetadata().getUid();
    secrets.withName("otel-token").delete();
    String second = secrets.withName("otel-token").waitUntilCondition(t -> t != null
        && !t.getMetadata().getUid().equals(first), 180, TimeUnit.SECONDS).getMetadata().getUid();
    assertTrue(!second.equals(first));
    // it asked to run again in 100 ms: it keeps being called without any change (counted, not timed)
    int before = calls.get();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (calls.get() < before + 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(calls.get() >= before + 3, "runs again when it asks to, with nothing changed: " + (calls.get() - before) + " calls");
  }

  @Test
  void whatASecretOwnsGoesWithItAndAnOrphanedConfigMapIsCollected() {
    cluster.seed("apiVersion: v1\nkind: Namespace\nmetadata: {name: owned}\n");
    var secrets = client.secrets().inNamespace("owned");
    var maps = client.configMaps().inNamespace("owned");
    io.fabric8.kubernetes.api.model.Secret owner = secrets.resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("owner").endMetadata().addToStringData("k", "v").build()).create();
    maps.resource(ownedMap("dependent", owner.getMetadata().getUid())).create();
    maps.resource(ownedMap("orphan", "no-such-uid")).create();
    assertTrue(maps.withName("orphan").waitUntilCondition(java.util.Objects::isNull, 180, TimeUnit.SECONDS) == null);
    assertTrue(maps.withName("dependent").get() != null, "its owner is there: kept");
    secrets.withName("owner").delete();
    assertTrue(maps.withName("dependent").waitUntilCondition(java.util.Objects::isNull, 180, TimeUnit.SECONDS) == null);
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap ownedMap(String name, String ownerUid) {
    return new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(name)
        .addNewOwnerReference().withApiVersion("v1").withKind("Secret").withName("owner").withUid(ownerUid).endOwnerReference()
        .endMetadata().addToData("k", "v").build();
  }

  @Test
  void statefulSetsDaemonSetsAndJobsComplete() {
    cluster.seed("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          replicas: 2
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres:16}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: default}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: agent:1}]}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: default}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 5Gi}}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate, namespace: default}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: migrate:1}]
        """);
    var sts = client.apps().statefulSets().inNamespace("default").withName("db").waitUntilReady(180, TimeUnit.SECONDS);
    assertEquals(2, sts.getStatus().getReadyReplicas());
    // the server's defaults, which kubernetes.core's wait reads
    assertEquals("RollingUpdate", sts.getSpec().getUpdateStrategy().getType());
    assertEquals(0, sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition());
    assertTrue(client.pods().inNamespace("default").withName("db-1").get() != null);
    // fabric8's waitUntilReady does not judge DaemonSets (it returns as soon as one exists): wait for the count
    var ds = client.apps().daemonSets().inNamespace("default").withName("agent").waitUntilCondition(d ->
        d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getNumberReady()), 180, TimeUnit.SECONDS);
    assertEquals(1, ds.getStatus().getNumberReady());
    assertEquals("RollingUpdate", ds.getSpec().getUpdateStrategy().getType());
    assertEquals(1, ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
    var job = client.batch().v1().jobs().inNamespace("default").withName("migrate").waitUntilCondition(j ->
        j.getStatus() != null && Integer.valueOf(1).equals(j.getStatus().getSucceeded()), 180, TimeUnit.SECONDS);
    assertTrue(job.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True")));
    var claim = client.persistentVolumeClaims().inNamespace("default").withName("data").waitUntilCondition(c ->
        c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()), 180, TimeUnit.SECONDS);
    assertEquals("5Gi", claim.getStatus().getCapacity().get("storage").toString());
  }
}
