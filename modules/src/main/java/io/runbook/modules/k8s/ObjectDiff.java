package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code diff} kubernetes.core's {@code k8s} registers for an update, a replace or an apply when the run is given
 * {@code --diff}: kubernetes.core's {@code recursive_diff} of the object before and the server's answer, {@code before}
 * holding what only the old object has or had otherwise, {@code after} what only the new one has or has otherwise
 * (mappings compared key by key; the lists Kubernetes merges by a key, such as a Service's ports or a pod's
 * containers, element by element of the same key, each differing element with what differs and its key; anything
 * else whole); an empty mapping when nothing differs. A Secret's values in it are typed
 * secret, as in the task's {@code result}.
 */
final class ObjectDiff {
    /** kubernetes.core's patch merge keys (from Kubernetes' generated.proto), by the list's place in its kind. */
    private static final Map<String, String> MERGE_KEYS = mergeKeys();

    private ObjectDiff() {
    }

    private static Map<String, String> mergeKeys() {
        Map<String, String> keys = new HashMap<>(Map.of("Service.spec.ports", "port", "ServiceAccount.secrets", "name",
                "ValidatingWebhookConfiguration.webhooks", "name", "MutatingWebhookConfiguration.webhooks", "name"));
        Map<String, String> podSpec = new HashMap<>();
        for (String containers : List.of("containers", "initContainers", "ephemeralContainers")) {
            podSpec.put(containers, "name");
            podSpec.put(containers + ".volumeMounts", "mountPath");
            podSpec.put(containers + ".volumeDevices", "devicePath");
            podSpec.put(containers + ".env", "name");
            podSpec.put(containers + ".ports", "containerPort");
        }
        podSpec.put("volumes", "name");
        podSpec.put("imagePullSecrets", "name");
        for (String prefix : List.of("Pod.spec", "Deployment.spec.template.spec", "DaemonSet.spec.template.spec", "StatefulSet.spec.template.spec",
                "Job.spec.template.spec", "Cronjob.spec.jobTemplate.spec.template.spec")) {
            podSpec.forEach((suffix, key) -> keys.put(prefix + "." + suffix, key));
        }
        return keys;
    }

    static Map<String, Object> registered(ModuleContext ctx, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> left = new LinkedHashMap<>();
        Map<String, Object> right = new LinkedHashMap<>();
        Map<String, Object> one = before == null ? Map.of() : before;
        Map<String, Object> other = after == null ? Map.of() : after;
        String kind = one.get("kind") != null && one.get("kind").equals(other.get("kind")) ? String.valueOf(one.get("kind")) : null;
        diff(one, other, kind, left, right);
        Map<String, Object> out = new LinkedHashMap<>();
        if (left.isEmpty() && right.isEmpty()) {
            return out;
        }
        boolean secret = before != null && SecretMask.isSecret(before) || after != null && SecretMask.isSecret(after);
        out.put("before", secret ? typed(ctx, left) : left);
        out.put("after", secret ? typed(ctx, right) : right);
        return out;
    }

    /** kubernetes.core's recursive_diff: fills {@code left} and {@code right} with what differs; {@code position}: Kind.path, or null. */
    @SuppressWarnings("unchecked")
    private static void diff(Map<String, Object> one, Map<String, Object> other, String position, Map<String, Object> left,
                             Map<String, Object> right) {
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
            String here = position == null ? null : position + "." + key;
            if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
                Map<String, Object> l = new LinkedHashMap<>();
                Map<String, Object> r = new LinkedHashMap<>();
                diff((Map<String, Object>) ma, (Map<String, Object>) mb, here, l, r);
                if (!l.isEmpty() || !r.isEmpty()) {
                    left.put(key, l);
                    right.put(key, r);
                }
            } else if (a instanceof List<?> la && b instanceof List<?> lb && keyed(la, lb, here)) {
                List<Object> l = new ArrayList<>();
                List<Object> r = new ArrayList<>();
                listDiff(la, lb, here, l, r);
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

    /** Whether both lists are merged by a key at {@code position} and each element has it (else they compare whole). */
    private static boolean keyed(List<?> one, List<?> other, String position) {
        String key = position == null ? null : MERGE_KEYS.get(position);
        return key != null && List.of(one, other).stream().allMatch(l -> l.stream().allMatch(e -> e instanceof Map<?, ?> m && m.containsKey(key)));
    }

    /**
     * kubernetes.core's recursive_list_diff: the elements only one list has by their merge key, whole; of those both
     * have, what differs with the key.
     */
    @SuppressWarnings("unchecked")
    private static void listDiff(List<?> one, List<?> other, String position, List<Object> left, List<Object> right) {
        String key = MERGE_KEYS.get(position);
        Map<Object, Map<String, Object>> first = byKey(one, key);
        Map<Object, Map<String, Object>> second = byKey(other, key);
        first.forEach((k, v) -> {
            if (!second.containsKey(k)) {
                left.add(v);
            }
        });
        second.forEach((k, v) -> {
            if (!first.containsKey(k)) {
                right.add(v);
            }
        });
        first.forEach((k, v) -> {
            if (second.containsKey(k)) {
                Map<String, Object> l = new TreeMap<>();
                Map<String, Object> r = new TreeMap<>();
                diff(v, second.get(k), position, l, r);
                if (!l.isEmpty() || !r.isEmpty()) {
                    l.put(key, v.get(key));
                    r.put(key, second.get(k).get(key));
                    left.add(l);
                    right.add(r);
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Map<String, Object>> byKey(List<?> list, String key) {
        Map<Object, Map<String, Object>> out = new LinkedHashMap<>();
        list.forEach(e -> out.put(((Map<String, Object>) e).get(key), (Map<String, Object>) e));
        return out;
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
