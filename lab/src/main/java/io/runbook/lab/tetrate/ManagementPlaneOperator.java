package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The simulated {@code tsb-operator-management-plane}: reconciles the ManagementPlane {@code managementplane} in
 * the MP namespace once the operator's own pod is ready. It keeps (or creates, with a new kid) the
 * {@code iam-signing-key}, creates the component Deployments in the facts §8.1 order, the {@code envoy}
 * LoadBalancer Service with the address the lab serves the MP on, and writes the CR's status. Run by the mgmt
 * cluster's reconcile loop ({@link io.runbook.lab.LabController}), never concurrently, so it keeps its
 * per-install memory in plain fields.
 */
final class ManagementPlaneOperator {
  static final ResourceDefinitionContext MANAGEMENT_PLANES = new ResourceDefinitionContext.Builder()
      .withGroup("install.tetrate.io").withVersion("v1alpha1").withKind("ManagementPlane")
      .withPlural("managementplanes").withNamespaced(true).build();
  static final String SIGNING_KEY = "iam-signing-key";
  static final String FAULT_ANNOTATION = "lab.runbook.io/fault";

  private final KubernetesClient client;
  private final String namespace;
  private final ManagementPlaneEndpoint endpoint;
  private final Timing timing;
  private final java.util.function.Consumer<String> operatorLog;
  private final StoreConnections stores;
  private final java.util.function.BiConsumer<String, String> componentLog;
  /** When each component last logged its store trouble (nanoTime). */
  private final Map<String, Long> troubleLogged = new HashMap<>();
  private String installUid;
  private long operatorReadyAt;
  private volatile boolean wavesPending;
  private Map<String, Object> lastStatus;
  /** The namespace's Deployments as listed at the start of the pass (one list call instead of one get each). */
  private Map<String, Deployment> deployments = Map.of();

  /**
   * {@code componentLog} gets (component, line) for the lines a component's pods log (their store troubles).
   */
  ManagementPlaneOperator(KubernetesClient client, String namespace, ManagementPlaneEndpoint endpoint,
      Timing timing, java.util.function.Consumer<String> operatorLog, StoreConnections stores,
      java.util.function.BiConsumer<String, String> componentLog) {
    this.stores = stores;
    this.componentLog = componentLog;
    this.client = client;
    this.namespace = namespace;
    this.endpoint = endpoint;
    this.timing = timing;
    this.operatorLog = operatorLog;
  }

  // SYNTHETIC: the real operator's log format is not public; these lines follow the Istio-style layout
  private void log(String level, String message) {
    operatorLog.accept(java.time.Instant.now() + "\t" + level + "\tmanagementplane\t" + message
        + " [scope=\"managementplane\"]");
  }

  /**
   * One level-triggered pass (run by the mgmt cluster's reconcile loop after every change); returns when to run
   * again without a change (the next component wave), or null. Errors of an unreachable cluster end the pass.
   */
  /** Whether components are still due to be created (the install's waves are not all out yet). */
  boolean wavesPending() {
    return wavesPending;
  }

  Duration reconcile() {
    try {
      return pass();
    } catch (KubernetesClientException e) {
      // the operator lost its API for a moment (a slow machine, a conflict): envoy keeps serving what runs
      return timing.operatorTick();
    }
  }

  private Duration pass() {
    GenericKubernetesResource cr = client.genericKubernetesResources(MANAGEMENT_PLANES).inNamespace(namespace)
        .withName("managementplane").get();
    if (cr == null || cr.getMetadata().getDeletionTimestamp() != null) {
      installUid = null;
      wavesPending = false;
      endpoint.update(ManagementPlaneEndpoint.Serving.DOWN);
      return null;
    }
    if (!cr.getMetadata().getUid().equals(installUid)) {
      installUid = cr.getMetadata().getUid();
      operatorReadyAt = 0;
      lastStatus = null;
    }
    deployments = new HashMap<>();
    client.apps().deployments().inNamespace(namespace).list().getItems()
        .forEach(d -> deployments.put(d.getMetadata().getName(), d));
    if (!ready(MpComponents.OPERATOR)) {
      // envoy keeps serving what runs while the operator restarts; nothing is created or reported meanwhile
      wavesPending = false;
      serve(spec(cr), readiness(), currentPhase(cr));
      return null;
    }
    long now = System.nanoTime();
    if (operatorReadyAt == 0) {
      operatorReadyAt = now;
      log("info", "reconciling ManagementPlane " + namespace + "/managementplane");
      ensureSigningKey();
    }
    long elapsed = now - operatorReadyAt;
    Map<String, Object> spec = spec(cr);
    String fault = cr.getMetadata().getAnnotations() == null ? null
        : cr.getMetadata().getAnnotations().get(FAULT_ANNOTATION);
    Map<String, String> troubles = stores.troubles(spec);
    if (elapsed >= timing.componentDelay().toNanos()) {
      MpComponents.FIRST_WAVE.forEach(c -> ensureDeployment(c, spec, faultOf(c, fault, troubles)));
      ensureEnvoyService();
      logTroubles(troubles, now);
    }
    long centralDue = timing.componentDelay().plus(timing.centralDelay()).toNanos();
    if (elapsed >= centralDue) {
      ensureDeployment(MpComponents.CENTRAL, spec, faultOf(MpComponents.CENTRAL, fault, troubles));
    }
    writeStatus(cr, spec);
    wavesPending = elapsed < centralDue;
    long nextWave = elapsed < timing.componentDelay().toNanos() ? timing.componentDelay().toNanos() - elapsed
        : centralDue - elapsed;
    // the kid is read on every pass; a periodic pass keeps the served view fresh even without a change
    return nextWave > 0 ? Duration.ofNanos(nextWave) : Duration.ofSeconds(1);
  }

  /** The ManagementPlane's own fault wins; else a component that cannot use its store crash-loops. */
  private static String faultOf(String component, String crFault, Map<String, String> troubles) {
    return crFault != null ? crFault : troubles.containsKey(component) ? StoreConnections.FAULT : null;
  }

  /** Each troubled component's pods log their error about once per second, as a crash-looping process would. */
  private void logTroubles(Map<String, String> troubles, long now) {
    troubleLogged.keySet().retainAll(troubles.keySet());
    troubles.forEach((component, line) -> {
      Long last = troubleLogged.get(component);
      if (last == null || now - last >= Duration.ofSeconds(1).toNanos()) {
        componentLog.accept(component, line);
        troubleLogged.put(component, now);
      }
    });
  }

  private Map<String, Boolean> readiness() {
    Map<String, Boolean> readiness = new HashMap<>();
    MpComponents.statusKeys().values().forEach(d -> readiness.put(d, ready(d)));
    return readiness;
  }

  private static String currentPhase(GenericKubernetesResource cr) {
    return cr.getAdditionalProperties().get("status") instanceof Map<?, ?> s && s.get("phase") != null
        ? String.valueOf(s.get("phase")) : null;
  }

  private void serve(Map<String, Object> spec, Map<String, Boolean> readiness, String phase) {
    boolean healthy = "INSTALLED".equals(phase) && MpComponents.FRONT.stream().allMatch(readiness::get);
    endpoint.update(new ManagementPlaneEndpoint.Serving(healthy, healthy && readiness.get(MpComponents.CENTRAL),
        String.valueOf(spec.getOrDefault("organization", "tetrate")), currentKid()));
  }

  private void writeStatus(GenericKubernetesResource cr, Map<String, Object> spec) {
    Map<String, Boolean> readiness = readiness();
    boolean allReady = !readiness.containsValue(false);
    // INSTALLED means the installation completed once; later trouble shows in the component statuses
    String phase = allReady || "INSTALLED".equals(currentPhase(cr)) ? "INSTALLED" : "INSTALLING";
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    status.put("tsbVersion", "1.12.0-lab");
    Map<String, Object> components = new LinkedHashMap<>();
    Map<String, Object> xcp = new LinkedHashMap<>();
    MpComponents.statusKeys().forEach((key, deployment) -> {
      Map<String, Object> one = Map.of("status", readiness.get(deployment) ? "INSTALLED" : "NOT_READY",
          "version", "1.12.0-lab");
      if (key.startsWith("xcp.")) {
        xcp.put(key.substring(4), one);
      } else {
        components.put(key, one);
      }
    });
    components.put("xcp", xcp);
    status.put("components", components);
    if (!status.equals(lastStatus)) {
      if ("INSTALLED".equals(phase) && (lastStatus == null || !"INSTALLED".equals(lastStatus.get("phase")))) {
        log("info", "management plane installed: all components ready");
      }
      cr.getAdditionalProperties().put("status", status);
      client.genericKubernetesResources(MANAGEMENT_PLANES).inNamespace(namespace).resource(cr).patchStatus();
      lastStatus = status;
    }
    serve(spec, readiness, phase);
  }

  /** The contract: keep the Secret that exists when the CR is reconciled; else create one with a NEW kid. */
  private void ensureSigningKey() {
    if (client.secrets().inNamespace(namespace).withName(SIGNING_KEY).get() != null) {
      log("info", "using existing signing key secret " + namespace + "/" + SIGNING_KEY + " (kid " + currentKid()
          + ")");
      return;
    }
    String kid = "kid-" + UUID.randomUUID().toString().substring(0, 8);
    log("warn", "secret " + namespace + "/" + SIGNING_KEY + " not found: generating a new signing key " + kid
        + "; tokens issued by other keys will be rejected");
    Secret secret = new SecretBuilder().withNewMetadata().withName(SIGNING_KEY).withNamespace(namespace)
        .addToLabels("platform.tsb.tetrate.io/application", "iam").endMetadata().withType("Opaque")
        .addToData("kid", base64(kid)).addToData("private.key", base64(MpCertificates.newSigningKeyPem()))
        .build();
    client.secrets().inNamespace(namespace).resource(secret).create();
  }

  private String currentKid() {
    Secret secret = client.secrets().inNamespace(namespace).withName(SIGNING_KEY).get();
    if (secret == null || secret.getData() == null || secret.getData().get("kid") == null) {
      return null;
    }
    return new String(Base64.getDecoder().decode(secret.getData().get("kid")), StandardCharsets.UTF_8).trim();
  }

  private void ensureDeployment(String name, Map<String, Object> spec, String fault) {
    Deployment existing = deployments.get(name);
    if (existing != null) {
      clearOrSetFault(existing, fault);
      return;
    }
    String hub = String.valueOf(spec.getOrDefault("hub", "containers.dl.tetrate.io"));
    Map<String, String> podLabels = new LinkedHashMap<>();
    podLabels.put("app", name);
    podLabels.put("platform.tsb.tetrate.io/application", name);
    if (fault != null) {
      podLabels.put(FAULT_ANNOTATION, fault);
    }
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels("app", name).addToLabels("platform.tsb.tetrate.io/component", name)
        .addToLabels("app.kubernetes.io/managed-by", "tsb-operator").endMetadata()
        .withNewSpec().withReplicas(MpComponents.replicas(name))
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(podLabels).endMetadata()
        .withNewSpec().addNewContainer().withName(name).withImage(hub + "/" + name + ":1.12.0-lab").endContainer()
        .endSpec().endTemplate().endSpec().build();
    client.apps().deployments().inNamespace(namespace).resource(deployment).create();
    log("info", "created deployment " + namespace + "/" + name);
  }

  /** A ManagementPlane whose fault is gone (e.g. re-applied by a Helm upgrade) rolls its components out again. */
  private void clearOrSetFault(Deployment deployment, String fault) {
    Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    if (Objects.equals(labels == null ? null : labels.get(FAULT_ANNOTATION), fault)) {
      return;
    }
    String name = deployment.getMetadata().getName();
    client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> {
      Map<String, String> template = d.getSpec().getTemplate().getMetadata().getLabels();
      if (fault == null) {
        template.remove(FAULT_ANNOTATION);
      } else {
        template.put(FAULT_ANNOTATION, fault);
      }
      return d;
    });
    log("info", "updated deployment " + namespace + "/" + name);
  }

  private void ensureEnvoyService() {
    Service service = client.services().inNamespace(namespace).withName("envoy").get();
    if (service == null) {
      service = client.services().inNamespace(namespace).resource(new ServiceBuilder()
          .withNewMetadata().withName("envoy").withNamespace(namespace).addToLabels("app", "envoy").endMetadata()
          .withNewSpec().withType("LoadBalancer").addToSelector("app", "envoy")
          .addNewPort().withName("https").withPort(ManagementPlaneEndpoint.API_PORT).withNewTargetPort(8443)
          .endPort()
          .addNewPort().withName("xcp").withPort(ManagementPlaneEndpoint.XCP_PORT).withNewTargetPort(9443)
          .endPort()
          .endSpec().build()).create();
    }
    var ingress = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
        ? null : service.getStatus().getLoadBalancer().getIngress();
    String ip = ingress == null || ingress.isEmpty() ? null : ingress.get(0).getIp();
    // the MP must be at the loopback address the lab serves it on; set in the pass that creates the Service, so the
    // lab's generic pool (which only fills an empty ingress with 203.0.113.x) never gets to it
    if (!endpoint.address().equals(ip)) {
      service.setStatus(new ServiceStatusBuilder().withNewLoadBalancer().addNewIngress()
          .withIp(endpoint.address()).withIpMode("VIP").endIngress().endLoadBalancer().build());
      client.services().inNamespace(namespace).resource(service).patchStatus();
    }
  }

  private boolean ready(String deployment) {
    Deployment d = deployments.get(deployment);
    if (d == null || d.getStatus() == null) {
      return false;
    }
    int wanted = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    int ready = Objects.requireNonNullElse(d.getStatus().getReadyReplicas(), 0);
    return wanted > 0 && ready >= wanted;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource cr) {
    Object spec = cr.getAdditionalProperties().get("spec");
    return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
