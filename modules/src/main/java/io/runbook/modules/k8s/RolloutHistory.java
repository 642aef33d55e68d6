package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A Deployment's or DaemonSet's revisions as {@code kubectl rollout undo} reads them, and the patch that goes back to the
 * previous one as kubernetes.core's {@code k8s_rollback} sends it. The revisions are the objects the workload controls
 * (a controller owner reference with its uid) among those its selector's {@code matchLabels} select in its namespace:
 * a Deployment's ReplicaSets, numbered by their {@code deployment.kubernetes.io/revision} annotation, the current one
 * the Deployment's own annotation; a DaemonSet's ControllerRevisions, numbered by their {@code revision}, the current
 * one the highest. The previous revision is the highest below the current one.
 */
final class RolloutHistory {
    private static final String REVISION = "deployment.kubernetes.io/revision";
    private static final ResourceDefinitionContext REPLICA_SETS = apps("ReplicaSet", "replicasets");
    private static final ResourceDefinitionContext CONTROLLER_REVISIONS = apps("ControllerRevision", "controllerrevisions");
    private final String contentType;
    private final Optional<Object> previousBody;

    private RolloutHistory(String contentType, Optional<Object> previousBody) {
        this.contentType = contentType;
        this.previousBody = previousBody;
    }

    /**
     * The Deployment's: the previous ReplicaSet's pod template without its {@code pod-template-hash} label replacing the
     * Deployment's, and its annotations replaced by the previous revision's number (kubernetes.core's JSON patch: the
     * Deployment's other annotations go, {@code kubectl rollout undo} would keep them).
     */
    static RolloutHistory deployment(ClusterConnection conn, Map<String, Object> deployment) {
        long current = number(FieldPath.read(deployment, "metadata.annotations").orElse(null) instanceof Map<?, ?> a ? a.get(REVISION) : null);
        Optional<Map<String, Object>> previous = previous(controlled(conn, REPLICA_SETS, deployment),
                rs -> number(FieldPath.read(rs, "metadata.annotations").orElse(null) instanceof Map<?, ?> a ? a.get(REVISION) : null), current);
        return new RolloutHistory("application/json-patch+json", previous.map(rs -> {
            Map<String, Object> template = SecretMask.deepCopy(FieldPath.read(rs, "spec.template").orElse(Map.of()) instanceof Map<?, ?> t
                    ? stringKeyed(t) : Map.of());
            if (FieldPath.read(template, "metadata.labels").orElse(null) instanceof Map<?, ?> labels) {
                labels.remove("pod-template-hash");
            }
            Object revision = ((Map<?, ?>) FieldPath.read(rs, "metadata.annotations").orElseThrow()).get(REVISION);
            return List.of(replace("/spec/template", template), replace("/metadata/annotations", Map.of(REVISION, revision)));
        }));
    }

    /** The DaemonSet's: the previous ControllerRevision's {@code data}, a strategic merge patch that puts its template back. */
    static RolloutHistory daemonSet(ClusterConnection conn, Map<String, Object> daemonSet) {
        List<Map<String, Object>> revisions = controlled(conn, CONTROLLER_REVISIONS, daemonSet);
        ToLongFunction<Map<String, Object>> revision = r -> number(r.get("revision"));
        long current = revisions.stream().mapToLong(revision).max().orElse(0);
        return new RolloutHistory("application/strategic-merge-patch+json", previous(revisions, revision, current).map(r -> r.get("data")));
    }

    String contentType() {
        return contentType;
    }

    /** The patch that goes back to the previous revision; empty when there is none. */
    Optional<Object> previousBody() {
        return previousBody;
    }

    private static Optional<Map<String, Object>> previous(List<Map<String, Object>> revisions, ToLongFunction<Map<String, Object>> number,
                                                          long current) {
        return revisions.stream().filter(r -> number.applyAsLong(r) > 0 && number.applyAsLong(r) < current)
                .max(Comparator.comparingLong(number));
    }

    /** What {@code owner} controls of {@code kind} in its namespace, listed by its selector's matchLabels. */
    private static List<Map<String, Object>> controlled(ClusterConnection conn, ResourceDefinitionContext kind, Map<String, Object> owner) {
        ObjectRef ref = ObjectRef.of(owner);
        Object uid = FieldPath.read(owner, "metadata.uid").orElse(null);
        var op = conn.ops(kind).inNamespace(ref.namespace());
        List<String> labels = new ArrayList<>();
        if (FieldPath.read(owner, "spec.selector.matchLabels").orElse(null) instanceof Map<?, ?> match) {
            match.forEach((k, v) -> labels.add(k + "=" + v));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        (labels.isEmpty() ? op : op.withLabelSelector(String.join(",", labels))).list().getItems().stream().map(conn::toMap)
                .filter(o -> FieldPath.read(o, "metadata.ownerReferences").orElse(List.of()) instanceof List<?> refs && refs.stream()
                        .anyMatch(r -> r instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("controller")) && uid != null && uid.equals(m.get("uid"))))
                .forEach(out::add);
        return out;
    }

    private static Map<String, Object> replace(String path, Object value) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "replace");
        op.put("path", path);
        op.put("value", value);
        return op;
    }

    private static long number(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        return text.matches("\\d{1,18}") ? Long.parseLong(text) : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static ResourceDefinitionContext apps(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("apps").withVersion("v1").withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
    }
}
