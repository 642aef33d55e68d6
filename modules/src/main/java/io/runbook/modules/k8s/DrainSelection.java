package io.runbook.modules.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which of a node's pods a drain evicts, as kubernetes.core's {@code k8s_drain} (2.4.0) sorts them: mirror pods never
 * (a warning), finished pods always; pods with an emptyDir volume only with {@code delete_emptydir_data}, pods no
 * controller owns only with {@code force}, and DaemonSet pods are left (with {@code ignore_daemonsets}, else the drain
 * fails). {@code errors} non-empty means the drain does not evict at all.
 *
 * @param evicted "namespace/name" of each pod to evict, in kubernetes.core's order
 */
record DrainSelection(List<String> evicted, List<String> warnings, List<String> errors) {
    private static final String MIRROR = "kubernetes.io/config.mirror";

    @SuppressWarnings("unchecked")
    static DrainSelection of(List<Map<String, Object>> pods, DrainOptions options) {
        List<String> daemonSet = new ArrayList<>();
        List<String> unmanaged = new ArrayList<>();
        List<String> mirror = new ArrayList<>();
        List<String> localStorage = new ArrayList<>();
        List<String> evicted = new ArrayList<>();
        for (Map<String, Object> pod : pods) {
            Map<String, Object> metadata = map(pod.get("metadata"));
            String id = metadata.get("namespace") + "/" + metadata.get("name");
            Object phase = map(pod.get("status")).get("phase");
            List<Object> volumes = map(pod.get("spec")).get("volumes") instanceof List<?> v ? (List<Object>) v : List.of();
            List<Object> owners = metadata.get("ownerReferences") instanceof List<?> o ? (List<Object>) o : List.of();
            if (map(metadata.get("annotations")).containsKey(MIRROR)) {
                mirror.add(id);
            } else if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                evicted.add(id);
            } else if (volumes.stream().anyMatch(v -> map(v).get("emptyDir") != null)) {
                localStorage.add(id);
            } else if (owners.isEmpty()) {
                unmanaged.add(id);
            } else {
                for (Object owner : owners) {
                    (("DaemonSet".equals(map(owner).get("kind"))) ? daemonSet : evicted).add(id);
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!unmanaged.isEmpty()) {
            if (!options.force()) {
                errors.add("cannot delete Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet (use option"
                        + " force set to yes): " + String.join(",", unmanaged) + ".");
            } else {
                warnings.add("Deleting Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet: "
                        + String.join(",", unmanaged) + ".");
                evicted.addAll(unmanaged);
            }
        }
        if (!mirror.isEmpty()) {
            warnings.add("cannot delete mirror Pods using API server: " + String.join(",", mirror) + ".");
        }
        if (!localStorage.isEmpty()) {
            if (!options.deleteEmptydirData()) {
                errors.add("cannot delete Pods with local storage: " + String.join(",", localStorage) + ".");
            } else {
                warnings.add("Deleting Pods with local storage: " + String.join(",", localStorage) + ".");
                evicted.addAll(localStorage);
            }
        }
        if (!daemonSet.isEmpty()) {
            if (!options.ignoreDaemonsets()) {
                errors.add("cannot delete DaemonSet-managed Pods (use option ignore_daemonset set to yes): " + String.join(",", daemonSet) + ".");
            } else {
                warnings.add("Ignoring DaemonSet-managed Pods: " + String.join(",", daemonSet) + ".");
            }
        }
        return new DrainSelection(evicted, warnings, errors);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
