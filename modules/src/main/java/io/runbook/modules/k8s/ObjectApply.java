package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.ModuleException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies or deletes one object with server-side apply, for real or as a server-side dry run (check
 * mode), and says what happened from what the server held before and returned after.
 */
final class ObjectApply {
    /** Server-populated metadata dropped from manifests, so a {@code kubectl get -o yaml} backup applies to a new cluster. */
    private static final List<String> SERVER_FIELDS = List.of("resourceVersion", "uid", "creationTimestamp",
            "managedFields", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    /** One object's outcome; {@code before}/{@code after} are the server's objects (null when absent). */
    record Outcome(ObjectRef ref, ChangeDetection.Action action, boolean apiFound, ResourceDefinitionContext kind,
                   Map<String, Object> before, Map<String, Object> after) {
        boolean changed() {
            return action != ChangeDetection.Action.UNCHANGED;
        }
    }

    private final ClusterConnection conn;
    private final boolean dryRun;
    private final String fieldManager;
    private final boolean force;

    ObjectApply(ClusterConnection conn, boolean dryRun, String fieldManager, boolean force) {
        this.conn = conn;
        this.dryRun = dryRun;
        this.fieldManager = fieldManager;
        this.force = force;
    }

    Outcome present(Map<String, Object> declared, String defaultNamespace) throws ModuleException {
        ObjectRef declaredRef = ObjectRef.of(declared);
        ResourceDefinitionContext kind = conn.resolve(declaredRef.apiVersion(), declaredRef.kind(), dryRun)
                .orElseThrow(() -> new ModuleException(declaredRef.label() + ": the cluster at " + conn.apiAddress() + " does not serve kind "
                        + declaredRef.kind() + " in " + declaredRef.apiVersion() + " (is its CRD installed, or is the apiVersion misspelt?)"));
        Map<String, Object> object = cleaned(declared, kind, defaultNamespace);
        ObjectRef ref = ObjectRef.of(object);
        Optional<PredictedObjects.Prediction> predicted = dryRun
                ? conn.predicted().lookup(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()) : Optional.empty();
        Map<String, Object> before = predicted.isPresent() ? predicted.get().object() : conn.get(kind, ref.namespace(), ref.name());
        Map<String, Object> after;
        if (predicted.isPresent()) {
            // an earlier task of this check run predicted the object: the server knows nothing of that
            after = before == null ? PredictedMerge.stored(object) : PredictedMerge.applied(before, object);
        } else {
            try {
                after = apply(kind, ref, object);
            } catch (KubernetesClientException e) {
                if (!dryRun || e.getCode() != 404 || before != null || !predictedElsewhere(conn, ref)) {
                    throw ApiFailure.forObject(ref, e, force);
                }
                // its namespace or its CRD comes from an earlier (predicted) object, which a dry run did not persist
                after = PredictedMerge.stored(object);
            } catch (IllegalArgumentException e) {
                // a metadata value Kubernetes cannot take (a list as a label's value), found writing the body
                throw new ModuleException(ref.label() + ": " + e.getMessage());
            }
        }
        if (dryRun) {
            conn.predicted().present(after);
        } else {
            conn.predicted().forget(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
        }
        return new Outcome(ref, ChangeDetection.ofApply(before, after), true, kind, before, after);
    }

    /** Whether the object's namespace or kind exists only as a prediction of this check run. */
    static boolean predictedElsewhere(ClusterConnection conn, ObjectRef ref) {
        return conn.predicted().namespace(ref.namespace()).orElse(false) || conn.discovery().resolve(ref.apiVersion(), ref.kind()).isEmpty();
    }

    Outcome absent(Map<String, Object> declared, String defaultNamespace) {
        ObjectRef declaredRef = ObjectRef.of(declared);
        ResourceDefinitionContext kind = conn.resolve(declaredRef.apiVersion(), declaredRef.kind(), dryRun).orElse(null);
        if (kind == null) {
            return new Outcome(declaredRef, ChangeDetection.Action.UNCHANGED, false, null, null, null);
        }
        ObjectRef ref = ObjectRef.of(cleaned(declared, kind, defaultNamespace));
        Optional<PredictedObjects.Prediction> predicted = dryRun
                ? conn.predicted().lookup(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()) : Optional.empty();
        Map<String, Object> before = predicted.isPresent() ? predicted.get().object() : conn.get(kind, ref.namespace(), ref.name());
        if (before == null) {
            return new Outcome(ref, ChangeDetection.Action.UNCHANGED, true, kind, null, null);
        }
        String namespace = kind.isNamespaceScoped() ? ref.namespace() : null;
        try {
            if (!dryRun) {
                conn.requests().delete(kind, namespace, ref.name(), false);
                conn.predicted().forget(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
            } else {
                if (predicted.isEmpty()) {
                    conn.requests().delete(kind, namespace, ref.name(), true);
                }
                conn.predicted().absent(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
            }
        } catch (KubernetesClientException e) {
            throw ApiFailure.forObject(ref, e, force);
        }
        return new Outcome(ref, ChangeDetection.Action.DELETED, true, kind, before, null);
    }

    private Map<String, Object> apply(ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> item) {
        return conn.requests().apply(kind, kind.isNamespaceScoped() ? ref.namespace() : null, ref.name(), item, fieldManager, force, dryRun);
    }

    /** The manifest with server-populated fields dropped and the namespace settled for the kind's scope. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> cleaned(Map<String, Object> declared, ResourceDefinitionContext kind, String defaultNamespace) {
        Map<String, Object> object = SecretMask.deepCopy(declared);
        object.remove("status");
        object.put("kind", kind.getKind());
        object.put("apiVersion", ClusterConnection.apiVersion(kind));  // the group a group-less api_version was found in
        Map<String, Object> metadata = (Map<String, Object>) object.computeIfAbsent("metadata", k -> new java.util.LinkedHashMap<>());
        SERVER_FIELDS.forEach(metadata::remove);
        if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
            annotations.remove(SecretMask.LAST_APPLIED);
        }
        if (kind.isNamespaceScoped()) {
            metadata.putIfAbsent("namespace", defaultNamespace);
        } else {
            metadata.remove("namespace");
        }
        return object;
    }
}
