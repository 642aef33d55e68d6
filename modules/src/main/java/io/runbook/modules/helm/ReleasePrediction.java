package io.runbook.modules.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.modules.k8s.ClusterConnection;
import io.runbook.modules.k8s.PredictedObjects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a check-mode {@code helm_release} records in the run's predictions for its cluster, so that later
 * tasks see the cluster as a real run would have left it: the release's record Secret (so a second
 * {@code helm_release} or {@code helm_info} sees the release deployed), the namespace it would create, the
 * chart's CRDs on a first install and the objects of the rendered chart (so {@code k8s_info} finds them).
 */
final class ReleasePrediction {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleasePrediction() {
    }

    /** The release deployed as {@code desired}, one revision after {@code latest} (null: a first install). */
    static void deployed(ClusterConnection conn, ReleaseRequest req, StoredRelease latest, ReleasePlan.Desired desired,
                         String appVersion, List<String> crds, String manifest) {
        PredictedObjects predicted = conn.predicted();
        if (req.createNamespace() && !conn.namespaceExists(req.namespace(), true)) {
            predicted.present(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", req.namespace())));
        }
        int revision = latest == null || latest.uninstalled() ? 1 : latest.revision() + 1;
        if (revision == 1) {
            // Helm applies a chart's crds/ before the first install's templates (and never on upgrade)
            for (String text : crds) {
                for (Map<String, Object> crd : ReleaseManifest.objects(text)) {
                    placed(conn, crd, req.namespace()).ifPresent(predicted::present);
                }
            }
        }
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("name", req.name());
        release.put("namespace", req.namespace());
        release.put("version", revision);
        release.put("info", Map.of("status", "deployed",
                "description", ReleasePlan.description(latest == null ? "Install complete" : "Upgrade complete", desired.digest())));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("name", desired.chartName());
        chart.put("version", desired.chartVersion());
        if (appVersion != null) {
            chart.put("appVersion", appVersion);
        }
        release.put("chart", Map.of("metadata", chart));
        release.put("config", desired.values() == null ? Map.of() : desired.values());
        release.put("manifest", manifest == null ? "" : manifest);
        predicted.present(record(req, revision, JSON.valueToTree(release).toString()));
        if (manifest != null) {
            for (Map<String, Object> object : ReleaseManifest.objects(manifest)) {
                placed(conn, object, req.namespace()).ifPresent(predicted::present);
            }
        }
    }

    /** The release uninstalled: its records and the objects of its deployed manifest gone. */
    static void uninstalled(ClusterConnection conn, List<StoredRelease> history, StoredRelease latest) {
        PredictedObjects predicted = conn.predicted();
        for (StoredRelease r : history) {
            predicted.absent("v1", "Secret", r.namespace(), r.secretName());
        }
        for (Map<String, Object> object : ReleaseManifest.objects(latest.manifest())) {
            placed(conn, object, latest.namespace()).ifPresent(o -> {
                io.runbook.modules.k8s.ObjectRef ref = io.runbook.modules.k8s.ObjectRef.of(o);
                predicted.absent(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
            });
        }
    }

    /** Helm's record of one revision, as the Secret Helm's default storage driver writes. */
    private static Map<String, Object> record(ReleaseRequest req, int revision, String releaseJson) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("name", req.name());
        labels.put("owner", "helm");
        labels.put("status", "deployed");
        labels.put("version", String.valueOf(revision));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "sh.helm.release.v1." + req.name() + ".v" + revision);
        metadata.put("namespace", req.namespace());
        metadata.put("labels", labels);
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("type", ReleaseStorage.TYPE);
        secret.put("metadata", metadata);
        secret.put("data", Map.of("release", ReleaseStorage.encode(releaseJson)));
        return secret;
    }

    /**
     * A manifest object with its kind as the cluster names it and its namespace settled (the release's, for
     * namespaced kinds that name none); empty for hooks and kinds the cluster would not serve.
     */
    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> placed(ClusterConnection conn, Map<String, Object> object, String namespace) {
        if (!(object.get("metadata") instanceof Map<?, ?> meta) || meta.get("name") == null
                || (meta.get("annotations") instanceof Map<?, ?> a && a.containsKey("helm.sh/hook"))) {
            return Optional.empty();
        }
        Optional<ResourceDefinitionContext> kind = conn.resolve(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")), true);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) meta);
        copy.put("kind", kind.get().getKind());
        if (kind.get().isNamespaceScoped()) {
            metadata.putIfAbsent("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        copy.put("metadata", metadata);
        return Optional.of(copy);
    }
}
