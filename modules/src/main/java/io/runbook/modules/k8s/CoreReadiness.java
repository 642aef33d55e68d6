package io.runbook.modules.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an object is ready as kubernetes.core 2.4.0's waiter judges it for {@code k8s}'s {@code wait: true}: a
 * Deployment when {@code status.replicas} is {@code spec.replicas}, all of them available and its generation observed
 * (old replicas still counted keep it waiting), and all of them updated (kubernetes.core does not look at that, see
 * {@link #deployment}), a Pod when every container
 * is ready (a Succeeded pod's never are), a DaemonSet when every scheduled pod is updated and ready, a StatefulSet when
 * it rolls (RollingUpdate) to one revision with every replica updated and ready; anything else as soon as it exists.
 * {@code wait_condition} is its condition check. A verdict is never hopeless: kubernetes.core waits its whole timeout.
 */
final class CoreReadiness {
    private CoreReadiness() {
    }

    static Readiness.Verdict of(Map<String, Object> object) {
        return switch (String.valueOf(object.get("kind"))) {
            case "Deployment" -> deployment(object);
            case "Pod" -> pod(object);
            case "DaemonSet" -> daemonSet(object);
            case "StatefulSet" -> statefulSet(object);
            default -> Readiness.Verdict.yes();
        };
    }

    /**
     * kubernetes.core's deployment_ready and the rollout's end ({@code updatedReplicas} = {@code spec.replicas}): after a
     * template change the controller's first status counts the old replicas as all there and available, which passes
     * kubernetes.core's check; a watch always sees that status, kubernetes.core's poll only when it falls on it.
     */
    private static Readiness.Verdict deployment(Map<String, Object> d) {
        if (!(d.get("status") instanceof Map<?, ?>)) {
            return Readiness.Verdict.no("no status yet");
        }
        Long wanted = value(d, "spec.replicas");
        Long replicas = value(d, "status.replicas");
        Long available = value(d, "status.availableReplicas");
        if (!Objects.equals(wanted, replicas == null ? 0L : replicas)) {
            return Readiness.Verdict.no(or0(replicas) + " replicas, " + wanted + " wanted");
        }
        if (!Objects.equals(available, replicas)) {
            return Readiness.Verdict.no(or0(available) + " of " + or0(replicas) + " replicas available");
        }
        Readiness.Verdict observed = observed(d);
        if (!observed.ready()) {
            return observed;
        }
        // the rollout's end too: a watch sees the first status after a template change (all replicas old, none updated),
        // which kubernetes.core's check accepts but its poll every wait_sleep seconds seldom sees
        long updated = or0(value(d, "status.updatedReplicas"));
        if (updated != or0(wanted)) {
            return Readiness.Verdict.no(updated + " of " + or0(wanted) + " replicas updated");
        }
        long unavailable = or0(value(d, "status.unavailableReplicas"));
        return unavailable == 0 ? Readiness.Verdict.yes() : Readiness.Verdict.no(unavailable + " replicas unavailable");
    }

    @SuppressWarnings("unchecked")
    private static Readiness.Verdict pod(Map<String, Object> pod) {
        Object statuses = FieldPath.read(pod, "status.containerStatuses").orElse(null);
        if (!(statuses instanceof List<?> list)) {
            return Readiness.Verdict.no("no container status yet (phase " + FieldPath.read(pod, "status.phase").orElse("unknown") + ")");
        }
        List<String> unready = list.stream().map(c -> (Map<String, Object>) c).filter(c -> !Boolean.TRUE.equals(c.get("ready")))
                .map(c -> String.valueOf(c.get("name"))).toList();
        if (unready.isEmpty()) {
            return Readiness.Verdict.yes();
        }
        Readiness.Verdict kinds = PodDiagnosis.verdict(pod);
        return Readiness.Verdict.no(kinds.ready() ? "containers not ready: " + String.join(", ", unready) : kinds.reason());
    }

    private static Readiness.Verdict daemonSet(Map<String, Object> d) {
        Long desired = value(d, "status.desiredNumberScheduled");
        if (!(d.get("status") instanceof Map<?, ?>) || desired == null) {
            return Readiness.Verdict.no("no desired number of pods yet");
        }
        Long updated = value(d, "status.updatedNumberScheduled");
        Long ready = value(d, "status.numberReady");
        if (!Objects.equals(updated, desired)) {
            return Readiness.Verdict.no(or0(updated) + " of " + desired + " pods updated");
        }
        if (!Objects.equals(ready, desired)) {
            return Readiness.Verdict.no(or0(ready) + " of " + desired + " pods ready");
        }
        return observed(d);
    }

    private static Readiness.Verdict statefulSet(Map<String, Object> s) {
        if (!(s.get("status") instanceof Map<?, ?>)) {
            return Readiness.Verdict.no("no status yet");
        }
        Object strategy = FieldPath.read(s, "spec.updateStrategy.type").orElse(null);
        if (!"RollingUpdate".equals(strategy)) {
            return Readiness.Verdict.no("update strategy " + strategy + ": kubernetes.core waits only for a RollingUpdate StatefulSet");
        }
        Readiness.Verdict observed = observed(s);
        if (!observed.ready()) {
            return observed;
        }
        Object update = FieldPath.read(s, "status.updateRevision").orElse(null);
        if (!Objects.equals(update, FieldPath.read(s, "status.currentRevision").orElse(null))) {
            return Readiness.Verdict.no("rolling update to revision " + update + " in progress");
        }
        Long wanted = value(s, "spec.replicas");
        for (String counted : List.of("updatedReplicas", "readyReplicas", "replicas")) {
            Long n = value(s, "status." + counted);
            if (!Objects.equals(counted.equals("replicas") ? n : (Long) or0(n), wanted)) {
                return Readiness.Verdict.no(or0(n) + " " + counted + ", " + wanted + " wanted");
            }
        }
        return Readiness.Verdict.yes();
    }

    /**
     * kubernetes.core's wait_condition: the object's first condition of {@code type} has {@code status} and, when given,
     * {@code reason}. As kubernetes.core's: a condition that is Unknown satisfies only status Unknown with its reason
     * (without a reason, never); one that is not Unknown satisfies True when it is True, False and Unknown when not.
     */
    static Readiness.Verdict condition(Map<String, Object> object, String type, String status, String reason) {
        Map<String, Object> match = Readiness.conditions(object).stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
        if (match == null) {
            return Readiness.condition(object, type, status);
        }
        Object actual = match.get("status");
        boolean reasoned = reason != null && !reason.isEmpty();
        boolean met = "Unknown".equals(actual) ? "Unknown".equals(status) && reasoned : "True".equals(actual) == "True".equals(status);
        if (!met) {
            return Readiness.Verdict.no(type + "=" + actual + ", waiting for " + status + ("Unknown".equals(actual) && !reasoned
                    ? " (kubernetes.core's wait for an Unknown condition needs its reason)" : ""));
        }
        return reasoned ? Readiness.conditionReason(object, type, reason) : Readiness.Verdict.yes();
    }

    private static Readiness.Verdict observed(Map<String, Object> object) {
        Long generation = value(object, "metadata.generation");
        Long observed = value(object, "status.observedGeneration");
        return Objects.equals(observed, generation) ? Readiness.Verdict.yes()
                : Readiness.Verdict.no("generation " + generation + " not yet observed (observedGeneration " + observed + ")");
    }

    /** A number of the object, null when absent (kubernetes.core compares None as None). */
    private static Long value(Map<String, Object> object, String path) {
        return Readiness.number(FieldPath.read(object, path).orElse(null));
    }

    private static long or0(Long n) {
        return n == null ? 0 : n;
    }
}
