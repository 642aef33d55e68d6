package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code diff} kubernetes.core's {@code k8s} registers for an update, a replace or an apply when the run is given
 * {@code --diff}: Ansible's {@code recursive_diff} of the object before and the server's answer, {@code before} holding
 * what only the old object has or had otherwise, {@code after} what only the new one has or has otherwise (mappings
 * compared key by key, anything else whole); an empty mapping when nothing differs. A Secret's values in it are typed
 * secret, as in the task's {@code result}.
 */
final class ObjectDiff {
    private ObjectDiff() {
    }

    static Map<String, Object> registered(ModuleContext ctx, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> left = new LinkedHashMap<>();
        Map<String, Object> right = new LinkedHashMap<>();
        diff(before == null ? Map.of() : before, after == null ? Map.of() : after, left, right);
        Map<String, Object> out = new LinkedHashMap<>();
        if (left.isEmpty() && right.isEmpty()) {
            return out;
        }
        boolean secret = before != null && SecretMask.isSecret(before) || after != null && SecretMask.isSecret(after);
        out.put("before", secret ? typed(ctx, left) : left);
        out.put("after", secret ? typed(ctx, right) : right);
        return out;
    }

    /** Ansible's recursive_diff: fills {@code left} and {@code right} with what differs. */
    @SuppressWarnings("unchecked")
    private static void diff(Map<String, Object> one, Map<String, Object> other, Map<String, Object> left, Map<String, Object> right) {
        one.forEach((k, v) -> {
            if (!other.containsKey(k)) {
                left.put(k, v);
            }
        });
        other.forEach((k, v) -> {
            if (!one.containsKey(k)) {
                right.put(k, v);
            }
        });
        for (Map.Entry<String, Object> e : one.entrySet()) {
            String key = e.getKey();
            if (!other.containsKey(key)) {
                continue;
            }
            Object a = e.getValue();
            Object b = other.get(key);
            if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
                Map<String, Object> l = new LinkedHashMap<>();
                Map<String, Object> r = new LinkedHashMap<>();
                diff((Map<String, Object>) ma, (Map<String, Object>) mb, l, r);
                if (!l.isEmpty() || !r.isEmpty()) {
                    left.put(key, l);
                    right.put(key, r);
                }
            } else if (!same(a, b)) {
                left.put(key, a);
                right.put(key, b);
            }
        }
    }

    /** Python's equality of JSON values: 1 and 1.0 are equal, whatever Java type each number was read as. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Boolean) && !(b instanceof Boolean)) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    /** A side of a Secret's diff with its values typed secret (the side names no kind of its own, so say it). */
    private static Map<String, Object> typed(ModuleContext ctx, Map<String, Object> side) {
        Map<String, Object> withKind = new LinkedHashMap<>(side);
        boolean named = withKind.containsKey("kind");
        withKind.putIfAbsent("kind", "Secret");
        Map<String, Object> typed = new LinkedHashMap<>(SecretMask.typed(ctx, withKind));
        if (!named) {
            typed.remove("kind");
        }
        return typed;
    }
}
