package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One object's change as kubernetes.core's {@code k8s} makes it: with {@code state: present}, a create when the
 * object is absent, else a patch (strategic merge, then merge: {@code merge_type}), a replace ({@code force}) or an
 * apply ({@code apply}: client-side with the last-applied annotation, or server-side); {@code patched} only patches
 * what exists; {@code absent} deletes. Check mode sends every write as a server-side dry run, as kubernetes.core does
 * with a recent Python client; what earlier tasks of the check run predicted stands in for what the server lacks.
 */
final class ObjectChange {
    private static final String MERGE = "application/merge-patch+json";

    /** How the task asks objects to be changed (kubernetes.core's arguments). */
    record Options(String state, boolean apply, String fieldManager, boolean forceConflicts, boolean force, List<String> mergeTypes,
                   Map<String, Object> deleteOptions, List<String> labelSelectors, boolean dryRun) {
        boolean serverSide() {
            return fieldManager != null;
        }
    }

    /**
     * One definition's outcome: {@code method} as kubernetes.core names it (null when nothing was tried),
     * {@code instance} the server's answer (empty when there is none), and warnings or a message for the result.
     */
    record Change(List<ObjectApply.Outcome> outcomes, String method, Object instance, List<String> warnings, String msg) {
        Change(ObjectApply.Outcome outcome, String method, Object instance, List<String> warnings, String msg) {
            this(List.of(outcome), method, instance, warnings, msg);
        }

        boolean changed() {
            return outcomes.stream().anyMatch(ObjectApply.Outcome::changed);
        }
    }

    private final ClusterConnection conn;
    private final Options options;

    ObjectChange(ClusterConnection conn, Options options) {
        this.conn = conn;
        this.options = options;
    }

    Change perform(Map<String, Object> declared, String defaultNamespace) throws ModuleException {
        ObjectRef declaredRef = ObjectRef.of(declared);
        ResourceDefinitionContext kind = conn.resolveAsKubernetesCore(declaredRef.apiVersion(), declaredRef.kind(), options.dryRun())
                .orElseThrow(() -> new ModuleException("Failed to find exact match for " + declaredRef.apiVersion() + "." + declaredRef.kind()
                        + " by [kind, name, singularName, shortNames]: the cluster at " + conn.apiAddress() + " does not serve it"));
        Map<String, Object> object = ObjectApply.cleaned(declared, kind, defaultNamespace);
        if (declared.get("status") != null) {
            // as kubernetes.core sends it, applied too (and in the last-applied annotation): the server keeps it where
            // status is no subresource (a custom kind's own field)
            object.put("status", SecretMask.deepCopy(declared.get("status")));
        }
        ObjectRef ref = ObjectRef.of(object);
        if (ref.name() == null && "absent".equals(options.state())) {
            return deleteSelected(kind, ref);
        }
        Optional<PredictedObjects.Prediction> predicted = options.dryRun() && ref.name() != null
                ? conn.predicted().lookup(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()) : Optional.empty();
        Map<String, Object> before = predicted.isPresent() ? predicted.get().object()
                : ref.name() == null ? null : conn.get(kind, ref.namespace(), ref.name());
        try {
            if ("absent".equals(options.state())) {
                return delete(kind, ref, before, predicted.isPresent());
            }
            if (!options.labelSelectors().isEmpty() && !Selectors.labels(options.labelSelectors()).test(object)) {
                return unchanged(kind, ref, before, null, List.of(), "resource 'kind=" + ref.kind() + ",name=" + ref.name() + ",namespace="
                        + ref.namespace() + "' filtered by label_selectors.");
            }
            return present(kind, ref, object, before, predicted.isPresent());
        } catch (KubernetesClientException e) {
            throw ApiFailure.forObject(ref, e, options.forceConflicts());
        } catch (IllegalArgumentException e) {
            throw new ModuleException(ref.label() + ": " + e.getMessage());
        }
    }

    private Change present(ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> object, Map<String, Object> before,
                           boolean predicted) {
        String method;
        Map<String, Object> after;
        if (options.apply()) {
            method = "apply";
            after = predicted ? PredictedMerge.applied(before, object) : apply(kind, ref, object, before);
        } else if (before == null) {
            if ("patched".equals(options.state())) {
                return unchanged(kind, ref, null, null, List.of("resource 'kind=" + ref.kind() + ",name=" + ref.name()
                        + "' was not found but will not be created as 'state' parameter has been set to 'patched'"), null);
            }
            after = create(kind, ref, object);
            predicted(after, ref);
            return new Change(new ObjectApply.Outcome(ref(after, ref), ChangeDetection.Action.CREATED, true, kind, null, after), "create",
                    after, List.of(), null);
        } else if (options.force()) {
            method = "replace";
            after = predicted ? PredictedMerge.stored(object) : write("PUT", null, kind, ref, object);
        } else {
            method = "update";
            after = predicted ? PredictedMerge.applied(before, object) : patch(kind, ref, object);
        }
        predicted(after, ref);
        // kubernetes.core's diff_objects: any difference but metadata's generation and resourceVersion, status too
        ChangeDetection.Action action = before == null ? ChangeDetection.Action.CREATED
                : ChangeDetection.differs(before, after) ? ChangeDetection.Action.CONFIGURED : ChangeDetection.Action.UNCHANGED;
        List<String> warnings = ChangeDetection.onlyVersionChanged(before, after) ? List.of(ChangeDetection.NO_MEANINGFUL_DIFF) : List.of();
        return new Change(new ObjectApply.Outcome(ref, action, true, kind, before, after), method, after, warnings, null);
    }

    /** Create; in a dry run, an object whose namespace or CRD only an earlier task of the check run made is predicted. */
    private Map<String, Object> create(ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> object) {
        try {
            return write("POST", null, kind, ref, object);
        } catch (KubernetesClientException e) {
            if (!options.dryRun() || e.getCode() != 404 || !ObjectApply.predictedElsewhere(conn, ref)) {
                throw e;
            }
            return PredictedMerge.stored(object);
        }
    }

    /** kubernetes.core's update: the patch types of {@code merge_type} in turn (strategic merge, then merge) until one is taken. */
    private Map<String, Object> patch(ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> object) {
        List<String> types = options.mergeTypes().isEmpty() ? List.of("strategic-merge", "merge") : options.mergeTypes();
        KubernetesClientException last = null;
        for (String type : types) {
            try {
                return write("PATCH", "application/" + type + "-patch+json", kind, ref, object);
            } catch (KubernetesClientException e) {
                if (ApiFailure.isConnectivity(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private Map<String, Object> apply(ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> object, Map<String, Object> before) {
        if (options.serverSide()) {
            return conn.requests().apply(kind, namespace(kind, ref), ref.name(), object, options.fieldManager(), options.forceConflicts(),
                    options.dryRun());
        }
        Map<String, Object> annotated = LastApplied.annotated(object);
        if (before == null) {
            return create(kind, ref, annotated);
        }
        Map<String, Object> patch = LastApplied.patch(before, object);
        return patch.isEmpty() ? before : conn.requests().write("PATCH", MERGE, kind, namespace(kind, ref), ref.name(), patch, options.dryRun());
    }

    private Change delete(ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> before, boolean predicted) {
        if (before == null) {
            return unchanged(kind, ref, null, "delete", List.of(), null);
        }
        Map<String, Object> answer = before;
        if (!predicted) {
            answer = conn.requests().delete(kind, namespace(kind, ref), ref.name(), options.deleteOptions(), options.dryRun());
        }
        if (options.dryRun()) {
            conn.predicted().absent(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
        } else {
            conn.predicted().forget(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
        }
        return new Change(new ObjectApply.Outcome(ref, ChangeDetection.Action.DELETED, true, kind, before, null), "delete",
                answer == null ? Map.of() : answer, List.of(), null);
    }

    /**
     * {@code state: absent} with {@code label_selectors} and no name: deletes every selected object of the kind in the
     * namespace; the instance is the list of the server's answers.
     */
    private Change deleteSelected(ResourceDefinitionContext kind, ObjectRef ref) {
        List<ObjectApply.Outcome> outcomes = new ArrayList<>();
        List<Object> answers = new ArrayList<>();
        String namespace = namespace(kind, ref);
        for (var item : (namespace == null ? conn.ops(kind) : conn.ops(kind).inNamespace(namespace))
                .withLabelSelector(String.join(",", options.labelSelectors())).list().getItems()) {
            ObjectRef one = new ObjectRef(ref.apiVersion(), ref.kind(), namespace, item.getMetadata().getName());
            Change deleted = delete(kind, one, conn.toMap(item), false);
            outcomes.addAll(deleted.outcomes());
            answers.add(deleted.instance());
        }
        if (outcomes.isEmpty()) {
            outcomes.add(new ObjectApply.Outcome(ref, ChangeDetection.Action.UNCHANGED, true, kind, null, null));
        }
        return new Change(outcomes, "delete", answers, List.of(), null);
    }

    private Map<String, Object> write(String method, String contentType, ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> object) {
        return conn.requests().write(method, contentType, kind, namespace(kind, ref), "POST".equals(method) ? null : ref.name(), object,
                options.dryRun());
    }

    private static String namespace(ResourceDefinitionContext kind, ObjectRef ref) {
        return kind.isNamespaceScoped() ? ref.namespace() : null;
    }

    /** Records a dry run's answer for the later tasks of the check run; a real write makes any prediction stale. */
    private void predicted(Map<String, Object> after, ObjectRef ref) {
        if (options.dryRun()) {
            conn.predicted().present(after);
        } else {
            conn.predicted().forget(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name());
        }
    }

    /** The stored object's name: a created object named by generateName gets its name from the server. */
    private static ObjectRef ref(Map<String, Object> after, ObjectRef declared) {
        ObjectRef stored = ObjectRef.of(after);
        return stored.name() == null ? declared : new ObjectRef(declared.apiVersion(), declared.kind(), declared.namespace(), stored.name());
    }

    private static Change unchanged(ResourceDefinitionContext kind, ObjectRef ref, Map<String, Object> before, String method,
                                    List<String> warnings, String msg) {
        return new Change(new ObjectApply.Outcome(ref, ChangeDetection.Action.UNCHANGED, true, kind, before, before), method, Map.of(),
                new ArrayList<>(warnings), msg);
    }
}
