package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.List;

/**
 * Ansible's {@code version} test, loose style: {@code kube_version is version('1.28', '>=')}. Versions are
 * split on dots and dashes; numeric parts compare as numbers, others as text; a leading {@code v} is ignored.
 */
final class Versions {
    private Versions() {
    }

    static boolean test(Object value, List<Object> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new ExpressionFailure("'is version' needs a version and an operator, e.g. x is version('1.28', '>=')");
        }
        int c = compare(ValueText.of(value), ValueText.of(args.get(0)));
        String op = args.size() > 1 ? ValueText.of(args.get(1)) : "eq";
        return switch (op) {
            case "<", "lt" -> c < 0;
            case "<=", "le" -> c <= 0;
            case ">", "gt" -> c > 0;
            case ">=", "ge" -> c >= 0;
            case "==", "=", "eq" -> c == 0;
            case "!=", "<>", "ne" -> c != 0;
            default -> throw new ExpressionFailure("'is version': unknown operator '" + op + "'",
                    "use one of < <= > >= == != (or lt le gt ge eq ne)");
        };
    }

    static int compare(String a, String b) {
        String[] x = parts(a);
        String[] y = parts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d+") && q.matches("\\d+")
                    ? new BigInteger(p).compareTo(new BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String[] parts(String version) {
        String v = version.strip();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        return v.split("[.\\-+_]");
    }
}
