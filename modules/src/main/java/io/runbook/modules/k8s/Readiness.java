package io.runbook.modules.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an object is ready, by Kubernetes' own rules for its kind (the rules {@code kubectl rollout
 * status} and {@code kubectl wait} use): Pod all containers ready (or Succeeded), Deployment / StatefulSet
 * / DaemonSet / ReplicaSet rolled out and available, Job complete, Namespace Active, CRD Established,
 * PersistentVolumeClaim Bound, LoadBalancer Service with an address; other kinds are ready when their
 * {@code Ready} (or {@code Available}) condition is True, or as soon as they exist when they have neither.
 */
public final class Readiness {
    /** The answer: ready or not, why not, and whether waiting longer cannot help (a failed Job). */
    public record Verdict(boolean ready, String reason, boolean hopeless) {
        static Verdict yes() {
            return new Verdict(true, "ready", false);
        }

        static Verdict no(String reason) {
            return new Verdict(false, reason, false);
        }

        static Verdict failed(String reason) {
            return new Verdict(false, reason, true);
        }
    }

    private Readiness() {
    }

    public static Verdict of(Map<String, Object> object) {
        String kind = String.valueOf(object.get("kind"));
        return switch (kind) {
            case "Pod" -> PodDiagnosis.verdict(object);
            case "Deployment" -> deployment(object);
            case "StatefulSet" -> statefulSet(object);
            case "DaemonSet" -> daemonSet(object);
            case "ReplicaSet", "ReplicationController" -> replicaSet(object);
            case "Job" -> job(object);
            case "Namespace" -> phase(object, "Active");
            case "PersistentVolumeClaim" -> phase(object, "Bound");
            case "CustomResourceDefinition" -> condition(object, "Established", "True");
            case "Service" -> service(object);
            default -> generic(object);
        };
    }

    /** Whether the object's {@code status.conditions} has {@code type} with {@code status}. */
    public static Verdict condition(Map<String, Object> object, String type, String status) {
        List<Map<String, Object>> conditions = conditions(object);
        for (Map<String, Object> c : conditions) {
            if (type.equals(c.get("type"))) {
                if (status.equalsIgnoreCase(String.valueOf(c.get("status")))) {
                    return Verdict.yes();
                }
                Object message = c.getOrDefault("message", c.get("reason"));
                return Verdict.no(type + "=" + c.get("status") + (message == null ? "" : ": " + message));
            }
        }
        List<String> present = conditions.stream().map(c -> String.valueOf(c.get("type"))).toList();
        return Verdict.no("no condition " + type + " yet" + (present.isEmpty() ? " (the object has no conditions)" : " (has: " + String.join(", ", present) + ")"));
    }

    /** Whether the object's condition {@code type} has {@code reason} (kubernetes.core's wait_condition.reason). */
    static Verdict conditionReason(Map<String, Object> object, String type, String reason) {
        for (Map<String, Object> c : conditions(object)) {
            if (type.equals(c.get("type"))) {
                return reason.equals(c.get("reason")) ? Verdict.yes() : Verdict.no(type + " reason " + c.get("reason") + ", waiting for " + reason);
            }
        }
        return Verdict.no("no condition " + type + " yet");
    }

    private static Verdict deployment(Map<String, Object> d) {
        Optional<Verdict> stale = observed(d);
        if (stale.isPresent()) {
            return stale.get();
        }
        for (Map<String, Object> c : conditions(d)) {
            if ("Progressing".equals(c.get("type")) && "ProgressDeadlineExceeded".equals(c.get("reason"))) {
                return Verdict.failed("progress deadline exceeded: " + c.get("message"));
            }
        }
        long desired = num(d, "spec.replicas", 1);
        long updated = num(d, "status.updatedReplicas", 0);
        long replicas = num(d, "status.replicas", 0);
        long available = num(d, "status.availableReplicas", 0);
        if (updated < desired) {
            return Verdict.no(updated + " of " + desired + " replicas updated");
        }
        if (replicas > updated) {
            return Verdict.no((replicas - updated) + " old replicas pending termination");
        }
        if (available < updated) {
            return Verdict.no(available + " of " + updated + " updated replicas available");
        }
        return Verdict.yes();
    }

    private static Verdict statefulSet(Map<String, Object> s) {
        Optional<Verdict> stale = observed(s);
        if (stale.isPresent()) {
            return stale.get();
        }
        long desired = num(s, "spec.replicas", 1);
        long ready = num(s, "status.readyReplicas", 0);
        if (ready < desired) {
            return Verdict.no(ready + " of " + desired + " pods ready");
        }
        String strategy = String.valueOf(FieldPath.read(s, "spec.updateStrategy.type").orElse("RollingUpdate"));
        if (!"RollingUpdate".equals(strategy)) {
            return Verdict.yes();
        }
        long partition = num(s, "spec.updateStrategy.rollingUpdate.partition", 0);
        if (partition > 0) {
            long updated = num(s, "status.updatedReplicas", 0);
            return updated < desired - partition ? Verdict.no(updated + " of " + (desired - partition) + " pods updated") : Verdict.yes();
        }
        Object update = FieldPath.read(s, "status.updateRevision").orElse(null);
        Object current = FieldPath.read(s, "status.currentRevision").orElse(null);
        if (update != null && current != null && !update.equals(current)) {
            return Verdict.no("rolling update to revision " + update + " in progress");
        }
        return Verdict.yes();
    }

    private static Verdict daemonSet(Map<String, Object> d) {
        Optional<Verdict> stale = observed(d);
        if (stale.isPresent()) {
            return stale.get();
        }
        long desired = num(d, "status.desiredNumberScheduled", 0);
        long updated = num(d, "status.updatedNumberScheduled", 0);
        long available = num(d, "status.numberAvailable", 0);
        if (updated < desired) {
            return Verdict.no(updated + " of " + desired + " pods updated");
        }
        if (available < desired) {
            return Verdict.no(available + " of " + desired + " updated pods available");
        }
        return Verdict.yes();
    }

    private static Verdict replicaSet(Map<String, Object> r) {
        long desired = num(r, "spec.replicas", 1);
        long available = Math.max(num(r, "status.availableReplicas", 0), num(r, "status.readyReplicas", 0));
        return available >= desired ? Verdict.yes() : Verdict.no(available + " of " + desired + " replicas available");
    }

    private static Verdict job(Map<String, Object> j) {
        if (condition(j, "Complete", "True").ready() || condition(j, "SuccessCriteriaMet", "True").ready()) {
            return Verdict.yes();
        }
        Verdict failed = condition(j, "Failed", "True");
        if (failed.ready()) {
            Object message = conditions(j).stream().filter(c -> "Failed".equals(c.get("type")))
                    .map(c -> c.getOrDefault("message", c.get("reason"))).filter(Objects::nonNull).findFirst().orElse("");
            return Verdict.failed("job failed: " + message);
        }
        long succeeded = num(j, "status.succeeded", 0);
        long completions = num(j, "spec.completions", 1);
        return Verdict.no(succeeded + " of " + completions + " completions, " + num(j, "status.active", 0) + " active");
    }

    private static Verdict service(Map<String, Object> s) {
        if (!"LoadBalancer".equals(FieldPath.read(s, "spec.type").orElse(null))) {
            return Verdict.yes();
        }
        return FieldPath.read(s, "status.loadBalancer.ingress[0]").isPresent()
                ? Verdict.yes() : Verdict.no("no load-balancer address yet");
    }

    private static Verdict phase(Map<String, Object> object, String wanted) {
        Object phase = FieldPath.read(object, "status.phase").orElse(null);
        return wanted.equals(phase) ? Verdict.yes() : Verdict.no("phase " + (phase == null ? "unknown" : phase) + ", waiting for " + wanted);
    }

    private static Verdict generic(Map<String, Object> object) {
        for (String type : List.of("Ready", "Available")) {
            if (conditions(object).stream().anyMatch(c -> type.equals(c.get("type")))) {
                return condition(object, type, "True");
            }
        }
        return Verdict.yes();
    }

    private static Optional<Verdict> observed(Map<String, Object> object) {
        long generation = num(object, "metadata.generation", 0);
        long observed = num(object, "status.observedGeneration", generation);
        return observed < generation ? Optional.of(Verdict.no("spec change not yet observed by its controller")) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> conditions(Map<String, Object> object) {
        Object list = FieldPath.read(object, "status.conditions").orElse(List.of());
        return list instanceof List<?> l ? l.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList() : List.of();
    }

    static long num(Map<String, Object> object, String path, long fallback) {
        Long n = number(FieldPath.read(object, path).orElse(null));
        return n == null ? fallback : n;
    }

    /** A field's value as a number: null when it is absent or no number. */
    static Long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v != null) {
            try {
                return Long.parseLong(String.valueOf(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
