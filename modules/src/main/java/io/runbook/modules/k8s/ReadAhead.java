package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server holds of the objects one {@code k8s_apply} call is about to apply or delete, read with one LIST per
 * kind and namespace where the call names two or more objects of a core-group kind (the rotation's four Secrets: one
 * request instead of four GETs) and with each object's own GET otherwise. A page is bounded ({@code limit}: four
 * times the objects named, at least their number, else at most {@value #MAX_PAGE}); the objects it holds are read from
 * it, and a name it lacks is absent only when the server held nothing back (no {@code continue} token). A list the
 * server refuses (RBAC may grant {@code get} by name without {@code list}) or answers otherwise than with a page, or a
 * truncated page, leaves the objects it did not answer to their GETs, and that kind in that namespace is not listed
 * again on this cluster ({@link ObjectRequests#listable}); a connection failure is the host's, as a GET's would be.
 * Each object's read is taken once, by the apply or delete that follows; an object named twice in the call is read
 * by its GETs (the second sees the first's change), and in check mode an object an earlier task predicted is read
 * from that prediction, as before.
 */
final class ReadAhead {
    static final int MAX_PAGE = 100;

    private final ClusterConnection conn;
    /** Objects read from a list, by {@link #key}: null for one the list shows absent. */
    private final Map<String, Map<String, Object>> read = new HashMap<>();

    private ReadAhead(ClusterConnection conn) {
        this.conn = conn;
    }

    /** The reads ahead of {@code declared} (manifests as {@link ObjectApply} takes them). */
    static ReadAhead of(ClusterConnection conn, List<Map<String, Object>> declared, String defaultNamespace, boolean dryRun) {
        ReadAhead ahead = new ReadAhead(conn);
        Map<String, Integer> named = new HashMap<>();
        Map<String, List<ObjectRef>> groups = new LinkedHashMap<>();
        Map<String, ResourceDefinitionContext> kinds = new HashMap<>();
        for (Map<String, Object> object : declared) {
            ObjectRef ref = listed(object, defaultNamespace, kinds);
            if (ref == null || dryRun && conn.predicted().lookup(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()).isPresent()) {
                continue;
            }
            if (named.merge(key(ref), 1, Integer::sum) == 1) {
                groups.computeIfAbsent(group(ref), g -> new ArrayList<>()).add(ref);
            }
        }
        groups.forEach((group, refs) -> {
            List<ObjectRef> once = refs.stream().filter(r -> named.get(key(r)) == 1).toList();
            if (once.size() >= 2) {
                ahead.list(kinds.get(group), once);
            }
        });
        return ahead;
    }

    /** The object as the server holds it (null when absent): from the list read ahead when it answered, else its GET. */
    Map<String, Object> get(ResourceDefinitionContext kind, ObjectRef ref) {
        String key = key(ref);
        if (read.containsKey(key)) {
            return read.remove(key);
        }
        return conn.get(kind, ref.namespace(), ref.name());
    }

    private void list(ResourceDefinitionContext kind, List<ObjectRef> refs) {
        String namespace = refs.get(0).namespace();
        ObjectRequests requests = conn.requests();
        if (!requests.listable(kind, namespace)) {
            return;
        }
        int n = refs.size();
        ObjectJson.Page page;
        try {
            page = requests.list(kind, namespace, Math.max(n, Math.min(4 * n, MAX_PAGE)));
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            requests.unlistable(kind, namespace);
            return;
        }
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Map<String, Object> item : page.items()) {
            ObjectRef itemRef = ObjectRef.of(item);
            if (itemRef.name() != null) {
                byName.put(itemRef.name(), item);
            }
        }
        for (ObjectRef ref : refs) {
            Map<String, Object> found = byName.get(ref.name());
            if (found != null || !page.truncated()) {
                read.put(key(ref), found);
            }
        }
        if (page.truncated()) {
            requests.unlistable(kind, namespace);
        }
    }

    /** The object's ref as {@link ObjectApply} settles it, when it is a named object of a core-group kind; else null. */
    private static ObjectRef listed(Map<String, Object> object, String defaultNamespace, Map<String, ResourceDefinitionContext> kinds) {
        try {
            ObjectRef declared = ObjectRef.of(object);
            if (declared.name() == null || declared.apiVersion() == null || declared.kind() == null) {
                return null;
            }
            Optional<ResourceDefinitionContext> kind = CoreKinds.find(declared.apiVersion(), declared.kind());
            if (kind.isEmpty()) {
                return null;
            }
            ObjectRef ref = ObjectRef.of(ObjectApply.cleaned(object, kind.get(), defaultNamespace));
            kinds.putIfAbsent(group(ref), kind.get());
            return ref;
        } catch (RuntimeException e) {
            return null;  // a manifest ObjectApply will refuse, in its turn
        }
    }

    private static String group(ObjectRef ref) {
        return ref.apiVersion() + ' ' + ref.kind() + ' ' + ref.namespace();
    }

    private static String key(ObjectRef ref) {
        return group(ref) + ' ' + ref.name();
    }
}
