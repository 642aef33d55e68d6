package io.runbook.modules.k8s;

import java.util.Map;
import java.util.Optional;

/**
 * A test on one field of an object, written {@code status.loadBalancer.ingress[0]} (exists and is not
 * empty), {@code status.phase == Running} or {@code spec.replicas != 0}. Values compare as text.
 */
public record FieldPredicate(FieldPath path, String operator, String value) {
    public static FieldPredicate parse(String text) {
        for (String op : new String[] {"==", "!=", "="}) {
            int at = text.indexOf(op);
            if (at > 0) {
                String v = unquote(text.substring(at + op.length()).trim());
                return new FieldPredicate(FieldPath.parse(text.substring(0, at).trim()), op.equals("=") ? "==" : op, v);
            }
        }
        String t = text.trim();
        if (t.endsWith(" exists")) {
            t = t.substring(0, t.length() - " exists".length());
        }
        return new FieldPredicate(FieldPath.parse(t), "exists", null);
    }

    public boolean test(Map<String, Object> object) {
        Optional<Object> actual = path.get(object);
        return switch (operator) {
            case "==" -> actual.map(String::valueOf).filter(value::equals).isPresent();
            case "!=" -> actual.map(String::valueOf).filter(value::equals).isEmpty();
            default -> actual.filter(FieldPredicate::nonEmpty).isPresent();
        };
    }

    /** What the field holds now, for progress and timeout messages. */
    public String describe(Map<String, Object> object) {
        return path + " is " + path.get(object).map(String::valueOf).orElse("not set");
    }

    @Override
    public String toString() {
        return operator.equals("exists") ? path.toString() : path + " " + operator + " " + value;
    }

    private static boolean nonEmpty(Object v) {
        return !(v instanceof Map<?, ?> m && m.isEmpty()) && !(v instanceof java.util.List<?> l && l.isEmpty())
                && !(v instanceof String s && s.isEmpty());
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
