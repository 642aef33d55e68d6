package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.lab.LabCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated control plane: each tick it probes the MP through its FQDN, re-issues missing token secrets when it
 * can (the {@code tsb-operator-control-plane}'s job), otherwise logs the rotation failure, appends an edge log
 * line for the state it is in, and mirrors that state in the ControlPlane CR's {@code status.xcp}. Runs on one
 * thread per tick ({@link #tick()}).
 */
final class ControlPlaneOperator {
  static final ResourceDefinitionContext CONTROL_PLANES = new ResourceDefinitionContext.Builder()
      .withGroup("install.tetrate.io").withVersion("v1alpha1").withKind("ControlPlane")
      .withPlural("controlplanes").withNamespaced(true).build();
  private static final String NS = ControlPlaneManifests.NAMESPACE;

  /** The state of facts §8.3 that the ControlPlane CR mirrors. */
  enum XcpState { SYNCED, DISCONNECTED, AUTH_FAILED, TLS_FAILED }

  private final LabCluster cluster;
  private final KubernetesClient client;
  private final MpProbe probe;
  private final String organization;
  private final Timing timing;
  private final Map<String, Long> missingSince = new HashMap<>();
  private XcpState lastState;

  ControlPlaneOperator(LabCluster cluster, KubernetesClient client, MpProbe probe, String organization,
      Timing timing) {
    this.cluster = cluster;
    this.client = client;
    this.probe = probe;
    this.organization = organization;
    this.timing = timing;
  }

  String clusterName() {
    return cluster.name();
  }

  /** One round; a cluster that does not answer (lost, 503) simply skips it, as its real operator would be down. */
  void tick() {
    try {
      round();
    } catch (KubernetesClientException e) {
      // the cluster's API is down: nothing of it runs
    }
  }

  private void round() {
    if (client.namespaces().withName(NS).get() == null) {
      return;
    }
    GenericKubernetesResource cr = client.genericKubernetesResources(CONTROL_PLANES).inNamespace(NS)
        .withName("controlplane").get();
    String host = managementPlaneHost(cr);
    Reachability reach = probe.probe(host, caBundle(client));
    Map<String, Secret> tokens = new LinkedHashMap<>();
    for (String name : ControlPlaneManifests.TOKENS) {
      tokens.put(name, client.secrets().inNamespace(NS).withName(name).get());
    }
    reissueMissing(reach, host, tokens);
    String rejectedKid = rejectedKid(reach, tokens);
    XcpState state = state(reach, rejectedKid);
    boolean edgeRunning = false;
    for (Pod pod : readyPods(client, "app", "edge")) {
      cluster.appendPodLog(NS, pod.getMetadata().getName(), "edge",
          ControlPlaneLogLines.edge(reach, host, rejectedKid));
      edgeRunning = true;
    }
    writeStatus(cr, edgeRunning ? state : XcpState.DISCONNECTED);
  }

  private void reissueMissing(Reachability reach, String host, Map<String, Secret> tokens) {
    long now = System.nanoTime();
    List<String> missing = new ArrayList<>();
    tokens.forEach((name, secret) -> {
      if (secret == null) {
        missing.add(name);
        missingSince.putIfAbsent(name, now);
      } else {
        missingSince.remove(name);
      }
    });
    if (missing.isEmpty()) {
      return;
    }
    if (client.secrets().inNamespace(NS).withName("cluster-service-account").get() == null) {
      operatorLog(ControlPlaneLogLines.serviceAccountMissing());
      return;
    }
    if (!(reach instanceof Reachability.Connected connected)) {
      operatorLog(ControlPlaneLogLines.rotationFailed(reach, host));
      return;
    }
    for (String name : missing) {
      if (now - missingSince.get(name) < timing.tokenReissueDelay().toNanos()) {
        continue;
      }
      String subject = ControlPlaneManifests.clusterFqn(organization, cluster.name());
      Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS)
          .addToAnnotations(ControlPlaneManifests.KID_ANNOTATION, connected.kid()).endMetadata().withType("Opaque")
          .addToData(ControlPlaneManifests.tokenKey(name), Base64.getEncoder().encodeToString(
              ControlPlaneManifests.jwt(connected.kid(), subject, name).getBytes(StandardCharsets.UTF_8)))
          .build();
      client.secrets().inNamespace(NS).resource(secret).create();
      tokens.put(name, secret);
      missingSince.remove(name);
      operatorLog(ControlPlaneLogLines.tokenIssued(name, connected.kid()));
    }
  }

  /** The kid the MP rejects (a token of another key, "" for a missing token); null when all are valid. */
  private static String rejectedKid(Reachability reach, Map<String, Secret> tokens) {
    if (!(reach instanceof Reachability.Connected connected)) {
      return null;
    }
    for (Secret token : tokens.values()) {
      if (token == null) {
        return "";
      }
      String kid = token.getMetadata().getAnnotations() == null ? null
          : token.getMetadata().getAnnotations().get(ControlPlaneManifests.KID_ANNOTATION);
      if (kid == null || !kid.equals(connected.kid())) {
        return String.valueOf(kid);
      }
    }
    return null;
  }

  private static XcpState state(Reachability reach, String rejectedKid) {
    if (reach instanceof Reachability.Connected) {
      return rejectedKid == null ? XcpState.SYNCED : XcpState.AUTH_FAILED;
    }
    return reach instanceof Reachability.UntrustedAuthority || reach instanceof Reachability.NameMismatch
        ? XcpState.TLS_FAILED : XcpState.DISCONNECTED;
  }

  /** Where the CP looks for the MP: its ControlPlane's {@code spec.managementPlane.host} (facts §5). */
  private String managementPlaneHost(GenericKubernetesResource cr) {
    Object spec = cr == null ? null : cr.getAdditionalProperties().get("spec");
    Object mp = spec instanceof Map<?, ?> s ? s.get("managementPlane") : null;
    Object host = mp instanceof Map<?, ?> m ? m.get("host") : null;
    return host == null || String.valueOf(host).isBlank() ? probe.fqdn() : String.valueOf(host);
  }

  private void writeStatus(GenericKubernetesResource cr, XcpState state) {
    if (state == lastState || cr == null) {
      return;
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("xcp", state.name());
    status.put("phase", state == XcpState.SYNCED ? "INSTALLED" : "DEGRADED");
    cr.getAdditionalProperties().put("status", status);
    client.genericKubernetesResources(CONTROL_PLANES).inNamespace(NS).resource(cr).patchStatus();
    lastState = state;
  }

  private void operatorLog(String line) {
    try {
      cluster.appendPodLogs(NS, Map.of("name", "tsb-operator"), null, line);
    } catch (KubernetesClientException e) {
      // the operator pod is gone: its log line is lost like a real one would be
    }
  }

  private static String caBundle(KubernetesClient client) {
    Secret bundle = client.secrets().inNamespace(NS).withName(ControlPlaneManifests.CA_BUNDLE).get();
    if (bundle == null || bundle.getData() == null || bundle.getData().get("ca.crt") == null) {
      return null;
    }
    return new String(Base64.getDecoder().decode(bundle.getData().get("ca.crt")), StandardCharsets.US_ASCII);
  }

  private static List<Pod> readyPods(KubernetesClient client, String label, String value) {
    return client.pods().inNamespace(NS).withLabel(label, value).list().getItems().stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
            .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .toList();
  }
}
