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

    /** {@code a ~ b}: Python str() of both, joined; only the secret parts of a and b are secret in the result. */
    static Object join(Object a, Object b) {
        String text = PyValues.str(a) + PyValues.str(b);
        if (!isSecret(a) && !isSecret(b)) {
            return text;
        }
        java.util.List<String> pieces = new java.util.ArrayList<>(pieces(a));
        pieces.addAll(pieces(b));
        return new SecretText(text, pieces);
    }

    /**
     * The secret parts of value as they appear in its text: a secret text's pieces; for a list or dict holding
     * secrets, each secret as written in its repr too.
     */
    static java.util.List<String> pieces(Object value) {
        java.util.List<String> out = new java.util.ArrayList<>();
        pieces(value, out, 0);
        return out;
    }

    private static void pieces(Object value, java.util.List<String> out, int depth) {
        if (value instanceof SecretText s) {
            for (String piece : s.pieces()) {
                out.add(piece);
                if (depth > 0) {
                    String quoted = PyValues.repr(piece);
                    out.add(quoted.substring(1, quoted.length() - 1));
                }
            }
        } else if (depth < 100 && value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                pieces(k, out, depth + 1);
                pieces(v, out, depth + 1);
            });
        } else if (depth < 100 && value instanceof Collection<?> c) {
            c.forEach(v -> pieces(v, out, depth + 1));
        }
    }

    /** The plain text of a string value (secret or not), for Java code that needs a String. */
    static String plain(Object value) {
        return value instanceof CharSequence s ? s.toString() : PyValues.str(value);
    }
}
