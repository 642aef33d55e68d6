package io.runbook.engine.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Types unquoted scalars of Kubernetes manifests and Helm values as kubectl and Helm do (sigs.k8s.io/yaml, which
 * reads with Go's yaml.v2 and hands JSON on): {@code y/yes/on/true} and their n/no/off/false partners in
 * lower, Title or UPPER case are booleans, {@code ~/null/Null/NULL} and nothing null, integers are Go's
 * ({@code 0644} and {@code 0o644} octal, {@code 0x1F}, {@code 0b101}, underscores ignored), and a number in float
 * form ({@code 1e3}, {@code 1.5}) is a float, but an integral one is the integer JSON makes of it
 * ({@code 1e3} is 1000, as {@code kubectl} sends it). Dates and base-60 numbers stay text. Measured with kubectl
 * v1.32 ({@code kubectl annotate --local -f FILE -o json}). Immutable: threads share it.
 */
public final class KubernetesScalars implements ScalarResolver {
    private static final Map<String, Object> WORDS = words();
    private static final Pattern GO_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern GO_INT = Pattern.compile("[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)");
    /** Go writes larger floats in exponent form, which JSON readers keep as floats. */
    private static final double JSON_INTEGRAL_LIMIT = 1e21;

    private static Map<String, Object> words() {
        Map<String, Object> m = new java.util.HashMap<>();
        for (String t : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            m.put(t, Boolean.TRUE);
        }
        for (String f : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            m.put(f, Boolean.FALSE);
        }
        for (String inf : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            m.put(inf, Double.POSITIVE_INFINITY);
        }
        for (String inf : new String[] {"-.inf", "-.Inf", "-.INF"}) {
            m.put(inf, Double.NEGATIVE_INFINITY);
        }
        for (String nan : new String[] {".nan", ".NaN", ".NAN"}) {
            m.put(nan, Double.NaN);
        }
        return Map.copyOf(m);
    }

    /** What an unquoted scalar is, told by its form alone (its value is computed once, when the node is converted). */
    private enum Kind { NULL, WORD, INT, FLOAT, TEXT }

    @Override
    public Tag resolve(String value, Boolean implicit) {
        if (!implicit) {
            return Tag.STR;
        }
        return switch (kind(value)) {
            case NULL -> Tag.NULL;
            case WORD -> WORDS.get(value) instanceof Boolean ? Tag.BOOL : Tag.FLOAT;
            case INT -> Tag.INT;
            case FLOAT -> Tag.FLOAT;   // an integral one becomes an integer when converted, as JSON makes it
            case TEXT -> Tag.STR;
        };
    }

    private static Kind kind(String in) {
        if (in.isEmpty() || in.equals("~") || in.equals("null") || in.equals("Null") || in.equals("NULL")) {
            return Kind.NULL;
        }
        if (WORDS.containsKey(in)) {
            return Kind.WORD;
        }
        if ("+-0123456789".indexOf(in.charAt(0)) >= 0 && GO_INT.matcher(in.replace("_", "")).matches()) {
            return Kind.INT;
        }
        if ("+-.0123456789".indexOf(in.charAt(0)) >= 0 && GO_FLOAT.matcher(floatText(in)).matches()) {
            return Kind.FLOAT;
        }
        return Kind.TEXT;
    }

    /** yaml.v2 drops underscores, except in a number that starts with a dot. */
    private static String floatText(String in) {
        return in.charAt(0) == '.' ? in : in.replace("_", "");
    }

    /**
     * The value of an unquoted scalar: Boolean, null, Integer, Long, Double or its text.
     *
     * @throws IllegalArgumentException for an integer beyond 64 bits
     */
    static Object value(String in) {
        return switch (kind(in)) {
            case NULL -> null;
            case WORD -> WORDS.get(in);
            case INT -> integer(in.replace("_", ""));
            case FLOAT -> floating(floatText(in));
            case TEXT -> in;
        };
    }

    private static Object integer(String plain) {
        boolean negative = plain.startsWith("-");
        String t = plain.startsWith("-") || plain.startsWith("+") ? plain.substring(1) : plain;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        BigInteger v;
        if (lower.startsWith("0x")) {
            v = new BigInteger(t.substring(2), 16);
        } else if (lower.startsWith("0o")) {
            v = new BigInteger(t.substring(2), 8);
        } else if (lower.startsWith("0b")) {
            v = new BigInteger(t.substring(2), 2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            v = new BigInteger(t, 8);
        } else {
            v = new BigInteger(t);
        }
        return Yaml11Scalars.narrow(negative ? v.negate() : v, plain);
    }

    private static Object floating(String text) {
        double d = Double.parseDouble(text);
        if (d == Math.rint(d) && Math.abs(d) < JSON_INTEGRAL_LIMIT) {
            return Yaml11Scalars.narrow(new BigDecimal(d).toBigInteger(), text);
        }
        return d;
    }
}
