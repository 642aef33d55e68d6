package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kinds one lab cluster serves: a fixed set of built-in kinds recovery touches, plus the kinds of the
 * CustomResourceDefinitions stored in that cluster (refreshed whenever a CRD changes).
 */
public final class ResourceCatalog {
  private static final List<String> ALL = List.of("all");
  private static final List<ResourceType> BUILT_IN = List.of(
      core("Namespace", "namespaces", false, List.of("ns"), List.of("status", "finalize"), List.of()),
      core("Pod", "pods", true, List.of("po"), List.of("status", "log", "exec", "eviction"), ALL),
      core("Service", "services", true, List.of("svc"), List.of("status"), ALL),
      core("Secret", "secrets", true, List.of(), List.of(), List.of()),
      core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), List.of()),
      core("ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), List.of()),
      core("Endpoints", "endpoints", true, List.of("ep"), List.of(), List.of()),
      core("Event", "events", true, List.of("ev"), List.of(), List.of()),
      core("PersistentVolumeClaim", "persistentvolumeclaims", true, List.of("pvc"), List.of("status"), List.of()),
      core("PersistentVolume", "persistentvolumes", false, List.of("pv"), List.of("status"), List.of()),
      core("Node", "nodes", false, List.of("no"), List.of("status"), List.of()),
      core("ResourceQuota", "resourcequotas", true, List.of("quota"), List.of("status"), List.of()),
      core("LimitRange", "limitranges", true, List.of("limits"), List.of(), List.of()),
      type("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), List.of("status", "scale"), ALL),
      type("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), List.of("status", "scale"), ALL),
      type("apps", "v1", "StatefulSet", "statefulsets", true, List.of("sts"), List.of("status", "scale"), ALL),
      type("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), List.of("status"), ALL),
      type("apps", "v1", "ControllerRevision", "controllerrevisions", true, List.of(), List.of(), List.of()),
      type("batch", "v1", "Job", "jobs", true, List.of(), List.of("status"), ALL),
      type("batch", "v1", "CronJob", "cronjobs", true, List.of("cj"), List.of("status"), ALL),
      type("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, List.of("hpa"),
          List.of("status"), ALL),
      type("networking.k8s.io", "v1", "Ingress", "ingresses", true, List.of("ing"), List.of("status"), List.of()),
      type("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, List.of(), List.of(), List.of()),
      type("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, List.of("netpol"), List.of(),
          List.of()),
      type("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, List.of("pdb"), List.of("status"),
          List.of()),
      rbac("Role", "roles", true), rbac("RoleBinding", "rolebindings", true),
      rbac("ClusterRole", "clusterroles", false), rbac("ClusterRoleBinding", "clusterrolebindings", false),
      type("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false,
          List.of("crd", "crds"), List.of("status"), List.of()),
      type("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, List.of("sc"), List.of(), List.of()),
      type("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, List.of("pc"), List.of(), List.of()),
      type("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), List.of()),
      type("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(), List.of(), List.of()),
      type("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration",
          "mutatingwebhookconfigurations", false, List.of(), List.of(), List.of()),
      type("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration",
          "validatingwebhookconfigurations", false, List.of(), List.of(), List.of()));

  /** Kinds defined by stored CRDs; replaced as a whole so readers never see a half-built list. */
  private volatile List<ResourceType> custom = List.of();

  public static ResourceType builtIn(String group, String plural) {
    return BUILT_IN.stream().filter(t -> t.group().equals(group) && t.plural().equals(plural)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no built-in kind " + group + "/" + plural));
  }

  public List<ResourceType> all() {
    List<ResourceType> result = new ArrayList<>(BUILT_IN);
    result.addAll(custom);
    return result;
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    return all().stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
        .findFirst();
  }

  public Optional<ResourceType> findByKind(String apiVersion, String kind) {
    return all().stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
  }

  /** Rebuilds the custom kinds from the stored CRDs (every served version of each). */
  public void refresh(List<ObjectNode> crds) {
    List<ResourceType> types = new ArrayList<>();
    for (ObjectNode crd : crds) {
      JsonNode spec = crd.path("spec");
      JsonNode names = spec.path("names");
      boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
      List<String> shortNames = new ArrayList<>();
      names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
      List<String> categories = new ArrayList<>();
      names.path("categories").forEach(n -> categories.add(n.asText()));
      for (JsonNode version : spec.path("versions")) {
        if (!version.path("served").asBoolean(true)) {
          continue;
        }
        List<String> sub = new ArrayList<>();
        version.path("subresources").fieldNames().forEachRemaining(sub::add);
        types.add(new ResourceType(spec.path("group").asText(), version.path("name").asText(),
            names.path("kind").asText(), names.path("plural").asText(), namespaced, List.copyOf(shortNames),
            List.copyOf(sub), List.copyOf(categories)));
      }
    }
    custom = List.copyOf(types);
  }

  private static ResourceType core(String kind, String plural, boolean namespaced, List<String> shortNames,
      List<String> sub, List<String> categories) {
    return new ResourceType("", "v1", kind, plural, namespaced, shortNames, sub, categories);
  }

  private static ResourceType rbac(String kind, String plural, boolean namespaced) {
    return type("rbac.authorization.k8s.io", "v1", kind, plural, namespaced, List.of(), List.of(), List.of());
  }

  private static ResourceType type(String group, String version, String kind, String plural, boolean namespaced,
      List<String> shortNames, List<String> sub, List<String> categories) {
    return new ResourceType(group, version, kind, plural, namespaced, shortNames, sub, categories);
  }
}
