package io.runbook.engine.vars;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The {@code int}, {@code float} and {@code bool} conversions. Unlike Jinja, a value that is not a number is an
 * error rather than a silent 0, unless a default is given: {@code 'n/a' | int(0)} (pass Undefined.VALUE for none).
 */
final class Numbers {
    private Numbers() {
    }

    static Object toInteger(Object value, Object fallback) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return narrow(n instanceof BigDecimal d ? d.longValue() : n.longValue());
        }
        String text = value instanceof CharSequence s ? s.toString().strip() : null;
        if (text != null) {
            try {
                return narrow(Long.parseLong(text));
            } catch (NumberFormatException notWhole) {
                try {
                    return narrow((long) Double.parseDouble(text));
                } catch (NumberFormatException notNumber) {
                    // fall through to the default or the error
                }
            }
        }
        if (!(fallback instanceof Undefined)) {
            return fallback;
        }
        throw new ExpressionFailure("int: " + shown(value) + " is not a number", "give a default: int(0)");
    }

    static Object toFloat(Object value, Object fallback) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof CharSequence s) {
            try {
                return Double.parseDouble(s.toString().strip());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        if (!(fallback instanceof Undefined)) {
            return fallback;
        }
        throw new ExpressionFailure("float: " + shown(value) + " is not a number", "give a default: float(0.0)");
    }

    /** Ansible's bool: yes/on/true/y/1 are true; no/off/false/n/0 and empty text are false. */
    static boolean toBool(Object value) {
        if (value == null || value instanceof Boolean) {
            return value != null && (Boolean) value;
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 1;
        }
        if (value instanceof CharSequence s) {
            switch (s.toString().strip().toLowerCase(Locale.ROOT)) {
                case "yes", "on", "true", "y", "1", "t" -> {
                    return true;
                }
                case "no", "off", "false", "n", "0", "f", "" -> {
                    return false;
                }
                default -> throw new ExpressionFailure("bool: " + shown(value) + " is not a boolean",
                        "use yes/no, true/false, on/off or 1/0");
            }
        }
        throw new ExpressionFailure("bool: expected a string, number or boolean, got " + Describe.kind(value));
    }

    static Object abs(Object value) {
        if (value instanceof Integer i) {
            return Math.abs(i);
        }
        if (value instanceof Long l) {
            return Math.abs(l);
        }
        if (value instanceof Number n) {
            return Math.abs(n.doubleValue());
        }
        throw new ExpressionFailure("abs: expected a number, got " + Describe.kind(value));
    }

    /** Jinja's round(precision=0): half away from zero; a whole result stays a float, written without .0. */
    static Object round(Object value, Object precision) {
        if (!(value instanceof Number n)) {
            throw new ExpressionFailure("round: expected a number, got " + Describe.kind(value));
        }
        int digits = ((Number) toInteger(precision, Undefined.VALUE)).intValue();
        return new BigDecimal(n.toString()).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    private static Object narrow(long n) {
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
    }

    private static String shown(Object value) {
        return value instanceof CharSequence s ? "'" + s + "'" : Describe.kind(value);
    }
}
