package io.runbook.lab.tetrate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Management-plane YAML: what the stand-in chart installs (for scenarios where the MP already runs on mgmt,
 * seeded as an adopted Helm release would have left it) and the backup files {@code backup.yml} writes.
 */
final class ManagementPlaneManifests {
  static final String OLD_KID = "kid-2025-old";

  private ManagementPlaneManifests() {}

  /** The MP as the chart installed it under release {@code release}, optionally already INSTALLED. */
  static String installed(String namespace, String release, String organization, String fault) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        ---
        """.formatted(namespace) + CRD + releaseManifest(namespace, release, organization, fault);
  }

  private static final String CRD = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: managementplanes.install.tetrate.io}
        spec:
          group: install.tetrate.io
          scope: Namespaced
          names: {kind: ManagementPlane, listKind: ManagementPlaneList, plural: managementplanes,
            singular: managementplane, shortNames: [mp]}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        ---
        """;

  /** The objects of the chart's templates (what Helm keeps as the release manifest). */
  static String releaseManifest(String namespace, String release, String organization, String fault) {
    String helm = "labels: {app.kubernetes.io/managed-by: Helm, app.kubernetes.io/name: managementplane}\n"
        + "  annotations: {meta.helm.sh/release-name: " + release + ", meta.helm.sh/release-namespace: " + namespace
        + "}";
    String faultAnnotation = fault == null ? "" : ", " + ManagementPlaneOperator.FAULT_ANNOTATION + ": " + fault;
    return """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: tsb-operator-management-plane
          namespace: %1$s
          %2$s
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tsb-operator-management-plane
          namespace: %1$s
          %2$s
        spec:
          replicas: 1
          selector: {matchLabels: {name: tsb-operator}}
          template:
            metadata: {labels: {name: tsb-operator}}
            spec:
              serviceAccountName: tsb-operator-management-plane
              containers: [{name: tsb-operator, image: "containers.dl.tetrate.io/tsboperator-server:1.12.0-lab"}]
        ---
        apiVersion: install.tetrate.io/v1alpha1
        kind: ManagementPlane
        metadata:
          name: managementplane
          namespace: %1$s
          labels: {app.kubernetes.io/managed-by: Helm, app.kubernetes.io/name: managementplane}
          annotations: {meta.helm.sh/release-name: %3$s, meta.helm.sh/release-namespace: %1$s%4$s}
        spec:
          hub: containers.dl.tetrate.io
          organization: %5$s
          dataStore: {postgres: {host: %6$s, port: %7$d, name: %8$s}}
          telemetryStore: {elastic: {host: %9$s, port: %10$d, version: 7, protocol: https, selfSigned: true}}
          components: {frontEnvoy: {port: 8443}}
        """.formatted(namespace, helm, release, faultAnnotation, organization, ExternalStores.POSTGRES_HOST,
        ExternalStores.POSTGRES_PORT, ExternalStores.POSTGRES_DATABASE, ExternalStores.ELASTIC_HOST,
        ExternalStores.ELASTIC_PORT);
  }

  /** The {@code iam-signing-key} Secret as {@code kubectl get secret -o yaml} saves it. */
  static String signingKey(String namespace, String kid, String privateKeyPem) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: iam-signing-key
          namespace: %s
        type: Opaque
        data:
          kid: %s
          private.key: %s
        """.formatted(namespace, base64(kid), base64(privateKeyPem));
  }

  /** The saved {@code helm get values} of the MP release. */
  static String values(String organization) {
    return """
        # helm get values mp -n <mesh> (saved by backup.yml); change image.registry / spec.hub for the new site
        image:
          registry: containers.dl.tetrate.io
        spec:
          hub: containers.dl.tetrate.io
          organization: %s
          dataStore:
            postgres:
              host: %s
              port: %d
              name: %s
          telemetryStore:
            elastic:
              host: %s
              port: %d
              version: 7
              protocol: https
              selfSigned: true
          components:
            frontEnvoy:
              port: 8443
        """.formatted(organization, ExternalStores.POSTGRES_HOST, ExternalStores.POSTGRES_PORT,
        ExternalStores.POSTGRES_DATABASE, ExternalStores.ELASTIC_HOST, ExternalStores.ELASTIC_PORT);
  }

  /** The spec the surviving MP's release was installed with (as {@code helm get values} returns it). */
  static java.util.Map<String, Object> valuesMap(String organization) {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(values(organization), java.util.Map.class);
  }

  /** The credential secrets the MP needs (facts §2.2), as saved from the old MP. */
  static String credentials(String namespace) {
    return secret(namespace, "postgres-credentials", ExternalStores.POSTGRES_USER, ExternalStores.POSTGRES_PASSWORD)
        + "---\n" + secret(namespace, "elastic-credentials", ExternalStores.ELASTIC_USER, ExternalStores.ELASTIC_PASSWORD)
        + "---\n"
        + secret(namespace, "admin-credentials", "admin", "admin-lab-password");
  }

  private static String secret(String namespace, String name, String user, String password) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: %s
          namespace: %s
        type: Opaque
        data:
          username: %s
          password: %s
        """.formatted(name, namespace, base64(user), base64(password));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
