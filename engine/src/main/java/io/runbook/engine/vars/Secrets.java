package io.runbook.engine.vars;

import java.util.Collection;
import java.util.Map;

/** How secrecy travels: text made from a secret value is secret ({@link SecretText}). */
final class Secrets {
    private Secrets() {
    }

    /** True when value is secret text or a container holding some (to any depth). */
    static boolean isSecret(Object value) {
        return isSecret(value, 0);
    }

    private static boolean isSecret(Object value, int depth) {
        if (value instanceof SecretText) {
            return true;
        }
        if (depth > 100) {
            return false;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (isSecret(e.getKey(), depth + 1) || isSecret(e.getValue(), depth + 1)) {
                    return true;
                }
            }
        } else if (value instanceof Collection<?> c) {
            for (Object item : c) {
                if (isSecret(item, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** result, made secret when any of the values it was made from is secret. */
    static Object derive(Object result, Object... sources) {
        if (result instanceof String text) {
            for (Object source : sources) {
                if (isSecret(source)) {
                    return new SecretText(text);
                }
            }
        }
        return result;
    }

    /**
     * result, with every string in it made secret when any source is secret: the text a filter or method
     * makes from a secret ({@code upper}, {@code split}, {@code b64encode}, {@code to_json}) is secret too.
     */
    static Object taint(Object result, Object... sources) {
        for (Object source : sources) {
            if (isSecret(source)) {
                return secretTexts(result, 0);
            }
        }
        return result;
    }

    private static Object secretTexts(Object value, int depth) {
        if (value instanceof String s) {
            return new SecretText(s);
        }
        if (depth > 100) {
            return value;
        }
        if (value instanceof PyTuple t) {
            return new PyTuple(t.stream().map(v -> secretTexts(v, depth + 1)).toList());
        }
        if (value instanceof java.util.List<?> l) {
            java.util.List<Object> out = new java.util.ArrayList<>(l.size());
            l.forEach(v -> out.add(secretTexts(v, depth + 1)));
            return out;
        }
        if (value instanceof Map<?, ?> m && !(value instanceof UnsafeMap)) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, secretTexts(v, depth + 1)));
            return out;
        }
        return value;
    }

    /** {@code a ~ b}: Python str() of both, joined; secret when either is. */
    static Object join(Object a, Object b) {
        return derive(PyValues.str(a) + PyValues.str(b), a, b);
    }

    /** The plain text of a string value (secret or not), for Java code that needs a String. */
    static String plain(Object value) {
        return value instanceof CharSequence s ? s.toString() : PyValues.str(value);
    }
}
