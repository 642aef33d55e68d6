package io.runbook.modules.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Why a pod is or is not ready, in words a person can act on, and the short name people know it by. */
public final class PodDiagnosis {
    private PodDiagnosis() {
    }

    /** Ready when the pod's Ready condition is True (all containers ready) or it has Succeeded. */
    public static Readiness.Verdict verdict(Map<String, Object> pod) {
        if (FieldPath.read(pod, "metadata.deletionTimestamp").isPresent()) {
            return Readiness.Verdict.no("terminating");
        }
        if ("Succeeded".equals(FieldPath.read(pod, "status.phase").orElse(null))) {
            return Readiness.Verdict.yes();
        }
        if (Readiness.condition(pod, "Ready", "True").ready()) {
            return Readiness.Verdict.yes();
        }
        return Readiness.Verdict.no(explain(pod));
    }

    /**
     * What keeps the pod from being ready: each unready container's waiting reason (ImagePullBackOff,
     * CrashLoopBackOff…) or termination, restart counts, else the failing condition's message.
     */
    @SuppressWarnings("unchecked")
    public static String explain(Map<String, Object> pod) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("status.initContainerStatuses", "status.containerStatuses")) {
            Object statuses = FieldPath.read(pod, field).orElse(List.of());
            if (!(statuses instanceof List<?> list)) {
                continue;
            }
            for (Object o : list) {
                Map<String, Object> cs = (Map<String, Object>) o;
                if (Boolean.TRUE.equals(cs.get("ready")) || isFinishedInit(field, cs)) {
                    continue;
                }
                parts.add(container(cs));
            }
        }
        if (parts.isEmpty()) {
            for (Map<String, Object> c : Readiness.conditions(pod)) {
                if (!"True".equals(c.get("status")) && (c.get("message") != null || c.get("reason") != null)) {
                    parts.add(c.get("type") + "=" + c.get("status") + ": " + c.getOrDefault("message", c.get("reason")));
                }
            }
        }
        if (parts.isEmpty()) {
            parts.add("phase " + FieldPath.read(pod, "status.phase").orElse("Pending") + ", not ready");
        }
        return String.join("; ", parts);
    }

    /** The workload-level name: {@code central} for {@code central-7d9f8c-abcde}; StatefulSet pods keep their name. */
    public static String shortName(Map<String, Object> pod) {
        String name = String.valueOf(FieldPath.read(pod, "metadata.name").orElse("?"));
        Object hash = FieldPath.read(pod, "metadata.labels['pod-template-hash']").orElse(null);
        if (hash != null) {
            int at = name.lastIndexOf("-" + hash + "-");
            if (at > 0) {
                return name.substring(0, at);
            }
        }
        if (FieldPath.read(pod, "metadata.labels['controller-revision-hash']").isPresent()
                && FieldPath.read(pod, "metadata.labels['statefulset.kubernetes.io/pod-name']").isEmpty()) {
            int dash = name.lastIndexOf('-');
            return dash > 0 ? name.substring(0, dash) : name;
        }
        return name;
    }

    private static boolean isFinishedInit(String field, Map<String, Object> cs) {
        return field.contains("init") && "Completed".equals(FieldPath.read(cs, "state.terminated.reason").orElse(null));
    }

    private static String container(Map<String, Object> cs) {
        StringBuilder out = new StringBuilder("container ").append(cs.get("name"));
        Object waiting = FieldPath.read(cs, "state.waiting.reason").orElse(null);
        Object terminated = FieldPath.read(cs, "state.terminated.reason").orElse(null);
        if (waiting != null) {
            out.append(" waiting: ").append(waiting);
            FieldPath.read(cs, "state.waiting.message").map(String::valueOf).filter(m -> !m.isBlank())
                    .ifPresent(m -> out.append(" (").append(m).append(')'));
        } else if (terminated != null) {
            out.append(" terminated: ").append(terminated);
            FieldPath.read(cs, "state.terminated.exitCode").ifPresent(c -> out.append(" (exit code ").append(c).append(')'));
        } else if (FieldPath.read(cs, "state.running").isPresent()) {
            out.append(" running, not ready");
        } else {
            out.append(" not ready");
        }
        long restarts = Readiness.num(cs, "restartCount", 0);
        if (restarts > 0) {
            out.append(", ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
            FieldPath.read(cs, "lastState.terminated.reason").ifPresent(r -> out.append(" (last: ").append(r).append(')'));
        }
        return out.toString();
    }
}
