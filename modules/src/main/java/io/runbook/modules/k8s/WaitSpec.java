package io.runbook.modules.k8s;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Args;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code wait} argument asks for: {@code true} (ready by the kind's own rules),
 * {@code {condition: Ready, status: "True", timeout: 5m}}, {@code {for: status.loadBalancer.ingress[0]}},
 * or the predicate text alone ({@code wait: "status.phase == Active"}). {@code kubernetesCore}: judged as kubernetes.core's
 * waiter judges ({@link CoreReadiness}) instead of by the kind's own rules ({@link Readiness}).
 */
public record WaitSpec(boolean enabled, String condition, String status, String reason, FieldPredicate predicate, Duration timeout,
                       boolean kubernetesCore) {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final Set<String> KEYS = Set.of("condition", "status", "for", "timeout");

    public static WaitSpec none() {
        return new WaitSpec(false, null, null, null, null, DEFAULT_TIMEOUT, false);
    }

    /** Reads the argument {@code name}; a mistake is a {@link UserError} at the argument's position. */
    public static WaitSpec from(Args args, String name) {
        Object raw = args.raw(name);
        if (raw == null) {
            return none();
        }
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            throw new UserError(args.position(name), "argument '" + name + "': " + e.getMessage());
        }
    }

    /**
     * kubernetes.core's wait arguments: {@code wait} (a boolean, or the engine's own forms), {@code wait_condition}
     * ({@code type}, {@code status}: True, False or Unknown, default True; {@code reason}), {@code wait_timeout}
     * (seconds, default 120); {@code wait_sleep} is the collection's polling interval, which a watch needs not.
     */
    public static WaitSpec fromCollectionArgs(Args args) {
        WaitSpec spec = from(args, "wait");
        Map<String, Object> condition = args.map("wait_condition");
        if (!spec.enabled()) {
            return spec;
        }
        Duration timeout = spec.timeout();
        if (args.has("wait_timeout")) {
            Integer seconds = args.integer("wait_timeout");
            if (seconds == null || seconds < 0) {
                throw new UserError(args.position("wait_timeout"), "argument 'wait_timeout': seconds, 0 or more");
            }
            timeout = Duration.ofSeconds(seconds);
        }
        if (condition == null || condition.get("type") == null) {
            return new WaitSpec(true, spec.condition(), spec.status(), spec.reason(), spec.predicate(), timeout, false);
        }
        if (spec.condition() != null || spec.predicate() != null) {
            throw new UserError(args.position("wait_condition"), "argument 'wait_condition': give it with wait: true, not with wait's own condition or predicate");
        }
        for (Object key : condition.keySet()) {
            if (!Set.of("type", "status", "reason").contains(String.valueOf(key))) {
                throw new UserError(args.position("wait_condition"), "argument 'wait_condition': unknown key '" + key + "' (expected type, status, reason)");
            }
        }
        String status = condition.get("status") == null ? "True" : statusText(condition.get("status"));
        if (!Set.of("True", "False", "Unknown").contains(status)) {
            throw new UserError(args.position("wait_condition"), "argument 'wait_condition': status must be True, False or Unknown, not '" + status + "'");
        }
        Object reason = condition.get("reason");
        return new WaitSpec(true, String.valueOf(condition.get("type")), status, reason == null ? null : String.valueOf(reason), null, timeout, false);
    }

    /**
     * kubernetes.core.k8s's wait ({@link #fromCollectionArgs}): a {@code wait} given as a boolean is kubernetes.core's and
     * judged as its waiter judges; the engine's own forms of {@code wait} keep the kind's rules.
     */
    public static WaitSpec fromKubernetesCoreArgs(Args args) {
        WaitSpec spec = fromCollectionArgs(args);
        return spec.enabled() && ArgValidator.parseBool(args.raw("wait")) != null
                ? new WaitSpec(true, spec.condition(), spec.status(), spec.reason(), null, spec.timeout(), true) : spec;
    }

    static WaitSpec parse(Object raw) {
        Boolean flag = ArgValidator.parseBool(raw);
        if (flag != null) {
            return flag ? new WaitSpec(true, null, null, null, null, DEFAULT_TIMEOUT, false) : none();
        }
        if (raw instanceof String text) {
            return new WaitSpec(true, null, null, null, FieldPredicate.parse(text), DEFAULT_TIMEOUT, false);
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected true/false, a field predicate or a mapping {condition, status, for, timeout}");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' (expected one of condition, status, for, timeout)");
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (map.get("timeout") != null) {
            timeout = ArgValidator.parseDuration(map.get("timeout"));
            if (timeout == null) {
                throw new IllegalArgumentException("timeout '" + map.get("timeout") + "' is not a duration (like 90, 90s, 5m)");
            }
        }
        String condition = map.get("condition") == null ? null : String.valueOf(map.get("condition"));
        String status = map.get("status") == null ? "True" : statusText(map.get("status"));
        FieldPredicate predicate = map.get("for") == null ? null : FieldPredicate.parse(String.valueOf(map.get("for")));
        if (condition != null && predicate != null) {
            throw new IllegalArgumentException("give either condition or for, not both");
        }
        return new WaitSpec(true, condition, status, null, predicate, timeout, false);
    }

    /** Whether one object satisfies the wait. */
    public Readiness.Verdict check(Map<String, Object> object) {
        if (predicate != null) {
            return predicate.test(object) ? Readiness.Verdict.yes() : Readiness.Verdict.no(predicate.describe(object) + ", waiting for " + predicate);
        }
        if (kubernetesCore) {
            return condition == null ? CoreReadiness.of(object) : CoreReadiness.condition(object, condition, status, reason);
        }
        if (condition != null) {
            Readiness.Verdict met = Readiness.condition(object, condition, status);
            return reason == null || !met.ready() ? met : Readiness.conditionReason(object, condition, reason);
        }
        return Readiness.of(object);
    }

    /** What is awaited, for messages. */
    public String describe() {
        if (predicate != null) {
            return predicate.toString();
        }
        return condition != null ? "condition " + condition + "=" + status + (reason == null ? "" : " (reason " + reason + ")") : "ready";
    }

    private static String statusText(Object value) {
        Boolean b = ArgValidator.parseBool(value);
        return b != null ? (b ? "True" : "False") : String.valueOf(value);
    }
}
