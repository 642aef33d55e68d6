package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What check mode predicted for one cluster during one run: the objects earlier tasks would have created or
 * changed (namespaces, CRDs, Secrets, Helm's release records, a chart's objects…) and the ones they would have
 * deleted. Dry runs record into it and reads in check mode consult it, so a whole playbook predicts on an
 * empty cluster: a namespace, CRD or release from an earlier task is there for the tasks after it.
 *
 * <p>One per cluster per run (it lives in the run's {@link ClusterConnection}); it is never sent to the
 * server, and a real write of an object drops what was predicted for it. Safe for hosts running in parallel.
 */
public final class PredictedObjects {
    private static final String CRD_GROUP = "apiextensions.k8s.io";

    /** Which object: the API group (empty for core), kind, namespace (null when cluster-scoped) and name. */
    private record Key(String group, String kind, String namespace, String name) {
    }

    /** A prediction about one object: {@code object} is what it would be, or null when it would be gone. */
    public record Prediction(Map<String, Object> object) {
        public boolean gone() {
            return object == null;
        }
    }

    private final Map<Key, Prediction> entries = new LinkedHashMap<>();

    /** Records that {@code object} would exist as given (its apiVersion, kind, namespace and name say which). */
    public synchronized void present(Map<String, Object> object) {
        ObjectRef ref = ObjectRef.of(object);
        entries.put(key(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()), new Prediction(SecretMask.deepCopy(object)));
    }

    /** Records that the object would be deleted. */
    public synchronized void absent(String apiVersion, String kind, String namespace, String name) {
        entries.put(key(apiVersion, kind, namespace, name), new Prediction(null));
    }

    /** A real write happened: what the cluster holds is the truth again for this object. */
    public synchronized void forget(String apiVersion, String kind, String namespace, String name) {
        entries.remove(key(apiVersion, kind, namespace, name));
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The prediction for one object, if an earlier task made one. An object in a namespace predicted to be
     * deleted is predicted gone too.
     */
    public synchronized Optional<Prediction> lookup(String apiVersion, String kind, String namespace, String name) {
        Prediction direct = entries.get(key(apiVersion, kind, namespace, name));
        if (direct != null) {
            return Optional.of(direct);
        }
        return namespace != null && namespaceGone(namespace) ? Optional.of(new Prediction(null)) : Optional.empty();
    }

    /** Whether an earlier task would have created the namespace (true), deleted it (false), or neither (empty). */
    public synchronized Optional<Boolean> namespace(String name) {
        Prediction p = name == null ? null : entries.get(key("v1", "Namespace", null, name));
        return p == null ? Optional.empty() : Optional.of(!p.gone());
    }

    /**
     * A list read as check mode sees it: the server's objects of the kind, without those predicted gone or
     * changed, plus the predicted ones that {@code selects} (in {@code namespace}, or any when null).
     */
    public synchronized List<Map<String, Object>> overlay(String apiVersion, String kind, String namespace,
                                                          List<Map<String, Object>> fromServer,
                                                          Predicate<Map<String, Object>> selects) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> o : fromServer) {
            ObjectRef ref = ObjectRef.of(o);
            if (lookupUnsynchronized(apiVersion, kind, ref.namespace(), ref.name()) == null) {
                out.add(o);
            }
        }
        String group = group(apiVersion);
        entries.forEach((k, p) -> {
            if (!p.gone() && k.group().equals(group) && k.kind().equalsIgnoreCase(kind)
                    && (namespace == null || namespace.equals(k.namespace())) && selects.test(p.object())
                    && (k.namespace() == null || !namespaceGone(k.namespace()))) {
                out.add(SecretMask.deepCopy(p.object()));
            }
        });
        return out;
    }

    /** A kind no server serves yet, defined by a CustomResourceDefinition an earlier task would have created. */
    public synchronized Optional<ResourceDefinitionContext> definedKind(String apiVersion, String kind) {
        for (Map.Entry<Key, Prediction> e : entries.entrySet()) {
            if (e.getKey().group().equals(CRD_GROUP) && e.getKey().kind().equals("CustomResourceDefinition") && !e.getValue().gone()) {
                Optional<ResourceDefinitionContext> hit = CrdKind.of(e.getValue().object(), apiVersion, kind);
                if (hit.isPresent()) {
                    return hit;
                }
            }
        }
        return Optional.empty();
    }

    private Prediction lookupUnsynchronized(String apiVersion, String kind, String namespace, String name) {
        Prediction direct = entries.get(key(apiVersion, kind, namespace, name));
        if (direct != null) {
            return direct;
        }
        return namespace != null && namespaceGone(namespace) ? new Prediction(null) : null;
    }

    private boolean namespaceGone(String namespace) {
        Prediction p = entries.get(key("v1", "Namespace", null, namespace));
        return p != null && p.gone();
    }

    private static Key key(String apiVersion, String kind, String namespace, String name) {
        return new Key(group(apiVersion), kind, namespace, name);
    }

    /** The API group of an apiVersion: {@code apps/v1} → {@code apps}, {@code v1} → empty. */
    static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
