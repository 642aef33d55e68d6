package io.runbook.lab.tetrate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The {@code istio-system} of an onboarded control-plane cluster (facts §8.2, contract "Control-plane clusters"),
 * as YAML for {@link io.runbook.lab.LabCluster#seed(String)}, and the token secrets the CP operator issues.
 */
final class ControlPlaneManifests {
  static final String NAMESPACE = "istio-system";
  static final String KID_ANNOTATION = "lab.runbook.io/kid";
  static final String CA_BUNDLE = "xcp-central-ca-bundle";
  /** The four token secrets of facts §4.1 with their data key. */
  static final List<String> TOKENS = List.of("otel-token", "oap-token", "ngac-token", "xcp-edge-central-auth-token");
  static final List<String> DEPLOYMENTS = List.of("tsb-operator-control-plane", "edge", "istiod", "oap-deployment",
      "otel-collector", "xcp-operator-edge", "onboarding-operator");

  private ControlPlaneManifests() {}

  static String tokenKey(String secret) {
    return secret.equals("xcp-edge-central-auth-token") ? "jwt" : "token";
  }

  static String clusterFqn(String organization, String cluster) {
    return "organizations/" + organization + "/clusters/" + cluster;
  }

  /** Everything a CP cluster holds before the disaster: tokens issued by {@code kid}, trusting {@code caPem}. */
  static String istioSystem(String cluster, String organization, String fqdn, String caPem, String kid) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n");
    yaml.append(controlPlaneCrd());
    for (String deployment : DEPLOYMENTS) {
      yaml.append(deployment(deployment));
    }
    yaml.append("""
        ---
        apiVersion: install.tetrate.io/v1alpha1
        kind: ControlPlane
        metadata: {name: controlplane, namespace: istio-system}
        spec:
          hub: containers.dl.tetrate.io
          managementPlane: {host: %s, port: 8443, clusterName: %s, selfSigned: true}
          telemetryStore:
            elastic: {host: %s, port: 8443, version: 7, selfSigned: true}
        status:
          xcp: DISCONNECTED
        """.formatted(fqdn, cluster, fqdn));
    yaml.append(secret("cluster-service-account", java.util.Map.of("clusterFqn", clusterFqn(organization, cluster),
        "jwk", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + cluster + "-sa\"}"), null));
    yaml.append(secret(CA_BUNDLE, java.util.Map.of("ca.crt", caPem), null));
    for (String token : TOKENS) {
      yaml.append(secret(token, java.util.Map.of(tokenKey(token), jwt(kid, clusterFqn(organization, cluster), token)),
          kid));
    }
    return yaml.toString();
  }

  /** A JWT-shaped token whose header names the signing key; the signature part is a lab placeholder. */
  static String jwt(String kid, String subject, String audience) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = url.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}")
        .getBytes(StandardCharsets.UTF_8));
    String payload = url.encodeToString(("{\"sub\":\"" + subject + "\",\"aud\":\"" + audience + "\",\"iat\":"
        + java.time.Instant.now().getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".lab-signature";
  }

  private static String secret(String name, java.util.Map<String, String> data, String kid) {
    StringBuilder yaml = new StringBuilder("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name
        + "\n  namespace: istio-system");
    if (kid != null) {
      yaml.append("\n  annotations: {").append(KID_ANNOTATION).append(": ").append(kid).append("}");
    }
    yaml.append("\ntype: Opaque\ndata:\n");
    new java.util.TreeMap<>(data).forEach((key, value) -> yaml.append("  ").append(key).append(": ")
        .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).append('\n'));
    return yaml.toString();
  }

  private static String deployment(String name) {
    String podLabel = name.equals("tsb-operator-control-plane") ? "name: tsb-operator" : "app: " + name;
    String container = name.equals("tsb-operator-control-plane") ? "tsb-operator" : name;
    return """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: istio-system, labels: {app: %s}}
        spec:
          replicas: 1
          selector: {matchLabels: {%s}}
          template:
            metadata: {labels: {%s, app.kubernetes.io/part-of: tsb-controlplane}}
            spec:
              containers: [{name: %s, image: "containers.dl.tetrate.io/%s:1.12.0-lab"}]
        """.formatted(name, name, podLabel, podLabel, container, container);
  }

  private static String controlPlaneCrd() {
    return """
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: controlplanes.install.tetrate.io}
        spec:
          group: install.tetrate.io
          scope: Namespaced
          names: {kind: ControlPlane, listKind: ControlPlaneList, plural: controlplanes, singular: controlplane,
            shortNames: [cp]}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;
  }
}
