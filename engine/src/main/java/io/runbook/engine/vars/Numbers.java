package io.runbook.engine.vars;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** The number filters as Jinja and Ansible have them: {@code int}, {@code float}, {@code bool}, {@code abs}, {@code round}. */
final class Numbers {
    private static final Pattern PY_INT = Pattern.compile("[+-]?(?:0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[oO][0-7](?:_?[0-7])*"
            + "|0[bB][01](?:_?[01])*|\\d(?:_?\\d)*)");
    private static final Pattern PY_FLOAT = Pattern.compile("[+-]?(?:(?:\\d(?:_?\\d)*)?\\.?\\d(?:_?\\d)*(?:[eE][+-]?\\d(?:_?\\d)*)?"
            + "|\\d(?:_?\\d)*\\.(?:[eE][+-]?\\d(?:_?\\d)*)?)");

    private Numbers() {
    }

    /**
     * Jinja's int(default=0, base=10): text is read in base (base 16 accepts 0x, base 0 reads the prefix), else as
     * a float that is truncated; anything that is not a number gives the default.
     */
    static Object toInteger(Object value, Object fallback) {
        return toInteger(value, fallback, 10);
    }

    static Object toInteger(Object value, Object fallback, int base) {
        Object orElse = fallback instanceof Undefined ? 0 : fallback;
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (PyNumbers.isInt(value)) {
            return value;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? PyNumbers.integer(new BigDecimal(d).toBigInteger()) : orElse;
        }
        if (value instanceof CharSequence s) {
            BigInteger parsed = parseInt(s.toString().strip(), base);
            if (parsed != null) {
                return PyNumbers.integer(parsed);
            }
            Double real = parseFloat(s.toString());
            if (real != null && Double.isFinite(real)) {
                return PyNumbers.integer(new BigDecimal(real).toBigInteger());
            }
        }
        return orElse;
    }

    /** Python's int(text, base), or null when text is not such a number. */
    static BigInteger parseInt(String text, int base) {
        if (!PY_INT.matcher(text).matches() || base < 0 || base == 1 || base > 36) {
            return parseDigits(text, base);
        }
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        digits = digits.replaceFirst("^[+-]", "");
        int radix = base;
        String lower = digits.toLowerCase(Locale.ROOT);
        String prefix = lower.length() > 1 && lower.charAt(0) == '0' ? lower.substring(0, 2) : "";
        int prefixRadix = switch (prefix) {
            case "0x" -> 16;
            case "0o" -> 8;
            case "0b" -> 2;
            default -> 0;
        };
        if (prefixRadix != 0 && (base == 0 || base == prefixRadix)) {
            digits = digits.substring(2);
            radix = prefixRadix;
        } else if (base == 0) {
            radix = 10;
            if (digits.length() > 1 && digits.matches("0+[1-9].*")) {
                return null;
            }
        }
        try {
            BigInteger n = new BigInteger(digits, radix);
            return negative ? n.negate() : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigInteger parseDigits(String text, int base) {
        if (base < 2 || base > 36 || text.isEmpty()) {
            return null;
        }
        try {
            return new BigInteger(text.replace("_", ""), base);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's float(text): decimals, exponents, underscores between digits, inf, infinity and nan. */
    static Double parseFloat(String raw) {
        String text = raw.strip();
        String lower = text.toLowerCase(Locale.ROOT).replaceFirst("^\\+", "");
        switch (lower) {
            case "inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "-nan" -> {
                return Double.NaN;
            }
            default -> {
                if (!PY_FLOAT.matcher(text).matches()) {
                    return null;
                }
                return Double.parseDouble(text.replace("_", ""));
            }
        }
    }

    /** Jinja's float(default=0.0): a number, or text read as Python reads it, else the default. */
    static Object toFloat(Object value, Object fallback) {
        Object orElse = fallback instanceof Undefined ? 0.0 : fallback;
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof Number n) {
            return PyNumbers.real(n);
        }
        if (value instanceof CharSequence s) {
            Double parsed = parseFloat(s.toString());
            return parsed == null ? orElse : parsed;
        }
        return orElse;
    }

    /** Ansible's bool: None and booleans as they are; 'yes', 'on', '1', 'true' (any case) and 1 are true; else false. */
    static Object toBool(Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence s) {
            String text = s.toString().toLowerCase(Locale.ROOT);
            return text.equals("yes") || text.equals("on") || text.equals("1") || text.equals("true");
        }
        return value instanceof Number && PyValues.equal(value, 1);
    }

    static Object abs(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (PyNumbers.isInt(value)) {
            return PyNumbers.integer(PyNumbers.big(value).abs());
        }
        if (value instanceof Number n) {
            return Math.abs(n.doubleValue());
        }
        throw new ExpressionFailure("bad operand type for abs(): '" + PyValues.typeName(value) + "'");
    }

    /**
     * Jinja's round(precision=0, method='common'): 'common' is Python's round (to even, on the exact binary value,
     * so 2.675 gives 2.67), 'ceil' and 'floor' round up or down; a float comes back, an int stays an int.
     */
    static Object round(Object value, Object precision, Object method) {
        if (!(value instanceof Number)) {
            throw new ExpressionFailure("type " + PyValues.typeName(value) + " doesn't define __round__ method");  // Python's round()
        }
        int digits = ((Number) toInteger(precision, 0)).intValue();
        String how = ValueText.of(method);
        if (!how.equals("common") && !how.equals("ceil") && !how.equals("floor")) {
            throw new ExpressionFailure("method must be common, ceil or floor");
        }
        if (how.equals("common")) {
            if (PyNumbers.isInt(value)) {
                return value;
            }
            return PyNumbers.round(PyNumbers.real(value), digits);
        }
        double scale = Math.pow(10, digits);
        double scaled = PyNumbers.real(value) * scale;
        return (how.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
    }

    /**
     * The {@code base} of the int filter: as Python's {@code int(text, base)} takes it (a bool is 0 or 1), or -1 when
     * it takes none (not a whole number, or outside 0 and 2 to 36), with which no text parses: Jinja's filter then
     * falls back to the text as a decimal ({@code '10'|int(base='x')} is 10), as it does for text of another base.
     */
    static int intBase(Object base) {
        if (base instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (!PyNumbers.isInt(base)) {
            return -1;
        }
        BigInteger n = PyNumbers.big(base);
        return n.signum() >= 0 && n.compareTo(BigInteger.valueOf(36)) <= 0 ? n.intValue() : -1;
    }

    /** A whole number argument, such as a width or a count. */
    static int whole(Object value, String what) {
        if (PyNumbers.isInt(value) && !(value instanceof Boolean)) {
            return PyNumbers.big(value).intValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new ExpressionFailure(what + ": expected a whole number, got " + PyValues.typeName(value));
    }

    static double real(Object value, String what) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new ExpressionFailure(what + ": must be real number, not " + PyValues.typeName(value));
    }
}
