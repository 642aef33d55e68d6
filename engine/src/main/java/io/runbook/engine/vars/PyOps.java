package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Python's arithmetic operators and {@code in}, with Python's results and TypeErrors (no coercion). */
final class PyOps {
    /** Repeating text or lists beyond this many items or characters is refused (a bounded template). */
    static final long MAX_REPEAT = 10_000_000;

    private PyOps() {
    }

    static Object binary(String op, Object a, Object b) {
        if (op.equals("~")) {
            return Secrets.join(a, b);
        }
        undefinedCheck(a);
        undefinedCheck(b);
        if (a instanceof DateFilters.DateTime || a instanceof DateFilters.TimeDelta) {
            return dates(op, a, b);
        }
        return switch (op) {
            case "+" -> add(a, b);
            case "-" -> numeric(op, a, b);
            case "*" -> multiply(a, b);
            case "/" -> divide(a, b);
            case "//" -> floorDivide(a, b);
            case "%" -> modulo(a, b);
            case "**" -> power(a, b);
            case "~" -> Secrets.join(a, b);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** datetime - datetime is a timedelta; datetime ± timedelta a datetime; timedeltas add up. */
    private static Object dates(String op, Object a, Object b) {
        if (a instanceof DateFilters.DateTime x && b instanceof DateFilters.DateTime y && op.equals("-")) {
            return DateFilters.TimeDelta.between(x, y);
        }
        if (a instanceof DateFilters.DateTime x && b instanceof DateFilters.TimeDelta d && (op.equals("+") || op.equals("-"))) {
            return DateFilters.plus(x, d, op.equals("+"));
        }
        if (a instanceof DateFilters.TimeDelta x && b instanceof DateFilters.TimeDelta y && (op.equals("+") || op.equals("-"))) {
            return new DateFilters.TimeDelta(op.equals("+") ? x.duration().plus(y.duration()) : x.duration().minus(y.duration()));
        }
        throw unsupported(op, a, b);
    }

    static Object negate(Object v, String op) {
        undefinedCheck(v);
        if (PyNumbers.isInt(v)) {
            return op.equals("-") ? PyNumbers.integer(PyNumbers.big(v).negate()) : PyNumbers.integer(PyNumbers.big(v));
        }
        if (PyNumbers.isFloat(v)) {
            return op.equals("-") ? -PyNumbers.real(v) : PyNumbers.real(v);
        }
        throw new ExpressionFailure("bad operand type for unary " + op + ": '" + PyValues.typeName(v) + "'");
    }

    private static void undefinedCheck(Object v) {
        if (v instanceof Undefined u) {
            throw u.failure();
        }
    }

    private static Object add(Object a, Object b) {
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return Secrets.join(a, b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y && (a instanceof PyTuple) == (b instanceof PyTuple)) {
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            checkSize(out.size());
            return a instanceof PyTuple ? new PyTuple(out) : out;
        }
        return numeric("+", a, b);
    }

    private static Object numeric(String op, Object a, Object b) {
        if (!PyNumbers.isNumber(a) || !PyNumbers.isNumber(b)) {
            throw unsupported(op, a, b);
        }
        if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
            BigInteger x = PyNumbers.big(a);
            BigInteger y = PyNumbers.big(b);
            return PyNumbers.integer(switch (op) {
                case "+" -> x.add(y);
                case "-" -> x.subtract(y);
                default -> x.multiply(y);
            });
        }
        double x = PyNumbers.real(a);
        double y = PyNumbers.real(b);
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            default -> x * y;
        };
    }

    private static Object multiply(Object a, Object b) {
        if ((a instanceof CharSequence || a instanceof List<?>) && PyNumbers.isInt(b)) {
            return repeat(a, PyNumbers.big(b));
        }
        if ((b instanceof CharSequence || b instanceof List<?>) && PyNumbers.isInt(a)) {
            return repeat(b, PyNumbers.big(a));
        }
        Object sequence = a instanceof CharSequence || a instanceof List<?> ? b : b instanceof CharSequence || b instanceof List<?> ? a : null;
        if ((a instanceof CharSequence || a instanceof List<?> || b instanceof CharSequence || b instanceof List<?>)
                && !(sequence instanceof Boolean)) {
            throw new ExpressionFailure("can't multiply sequence by non-int of type '" + PyValues.typeName(sequence) + "'");
        }
        return numeric("*", a, b);
    }

    private static Object repeat(Object what, BigInteger times) {
        long n = Math.max(0, times.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue());
        if (what instanceof CharSequence s) {
            checkSize(n * s.length());
            return Secrets.derive(s.toString().repeat((int) n), s);
        }
        List<?> items = (List<?>) what;
        checkSize(n * items.size());
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.addAll(items);
        }
        return what instanceof PyTuple ? new PyTuple(out) : out;
    }

    static void checkSize(long size) {
        if (size > MAX_REPEAT) {
            throw new ExpressionFailure("the result would hold " + size + " items or characters (at most "
                    + MAX_REPEAT + ")");
        }
    }

    private static Object divide(Object a, Object b) {
        if (!PyNumbers.isNumber(a) || !PyNumbers.isNumber(b)) {
            throw unsupported("/", a, b);
        }
        double y = PyNumbers.real(b);
        if (y == 0) {
            throw ExpressionFailure.raised("ZeroDivisionError", "division by zero");
        }
        return PyNumbers.real(a) / y;
    }

    private static Object floorDivide(Object a, Object b) {
        if (!PyNumbers.isNumber(a) || !PyNumbers.isNumber(b)) {
            throw unsupported("//", a, b);
        }
        if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
            BigInteger y = PyNumbers.big(b);
            if (y.signum() == 0) {
                throw ExpressionFailure.raised("ZeroDivisionError", "integer division or modulo by zero");
            }
            BigInteger[] qr = PyNumbers.big(a).divideAndRemainder(y);
            BigInteger q = qr[1].signum() != 0 && qr[1].signum() != y.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
            return PyNumbers.integer(q);
        }
        double y = PyNumbers.real(b);
        if (y == 0) {
            throw ExpressionFailure.raised("ZeroDivisionError", "float floor division by zero");
        }
        return Math.floor(PyNumbers.real(a) / y);
    }

    private static Object modulo(Object a, Object b) {
        if (a instanceof CharSequence format) {
            return PercentFormat.apply(format, b);
        }
        if (!PyNumbers.isNumber(a) || !PyNumbers.isNumber(b)) {
            throw unsupported("%", a, b);
        }
        if (PyNumbers.isInt(a) && PyNumbers.isInt(b)) {
            BigInteger y = PyNumbers.big(b);
            if (y.signum() == 0) {
                throw ExpressionFailure.raised("ZeroDivisionError", "integer division or modulo by zero");
            }
            BigInteger r = PyNumbers.big(a).mod(y.abs());
            if (y.signum() < 0 && r.signum() != 0) {
                r = r.add(y);
            }
            return PyNumbers.integer(r);
        }
        double y = PyNumbers.real(b);
        if (y == 0) {
            throw ExpressionFailure.raised("ZeroDivisionError", "float modulo");
        }
        double r = PyNumbers.real(a) % y;
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    private static Object power(Object a, Object b) {
        if (!PyNumbers.isNumber(a) || !PyNumbers.isNumber(b)) {
            throw unsupported("** or pow()", a, b);
        }
        if (PyNumbers.isInt(a) && PyNumbers.isInt(b) && PyNumbers.big(b).signum() >= 0) {
            BigInteger exponent = PyNumbers.big(b);
            BigInteger base = PyNumbers.big(a);
            if (exponent.bitLength() > 31 || (long) base.bitLength() * exponent.longValue() > 1_000_000) {
                throw new ExpressionFailure("the result of ** would be too large");
            }
            return PyNumbers.integer(base.pow(exponent.intValue()));
        }
        double x = PyNumbers.real(a);
        double y = PyNumbers.real(b);
        if (x == 0 && y < 0) {
            throw ExpressionFailure.raised("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        }
        return Math.pow(x, y);
    }

    /** Python's {@code needle in haystack}: substring, list item, or dict key. */
    static boolean contains(Object haystack, Object needle) {
        undefinedCheck(haystack);
        undefinedCheck(needle);
        if (haystack instanceof CharSequence s) {
            if (!(needle instanceof CharSequence n)) {
                throw new ExpressionFailure("'in <string>' requires string as left operand, not "
                        + PyValues.typeName(needle));
            }
            return s.toString().contains(n);
        }
        if (haystack instanceof Map<?, ?> m) {
            return PyValues.findKey(m, needle) != PyValues.MISSING;
        }
        if (haystack instanceof Iterable<?> items) {
            for (Object item : items) {
                if (PyValues.equal(item, needle)) {
                    return true;
                }
            }
            return false;
        }
        throw new ExpressionFailure("argument of type '" + PyValues.typeName(haystack) + "' is not iterable");
    }

    static ExpressionFailure unsupported(String op, Object a, Object b) {
        if (op.equals("+") && a instanceof CharSequence) {
            return new ExpressionFailure("can only concatenate str (not \"" + PyValues.typeName(b) + "\") to str");
        }
        if (op.equals("+") && a instanceof List<?> && !(a instanceof PyTuple)) {
            return new ExpressionFailure("can only concatenate list (not \"" + PyValues.typeName(b) + "\") to list");
        }
        return new ExpressionFailure("unsupported operand type(s) for " + op + ": '" + PyValues.typeName(a) + "' and '"
                + PyValues.typeName(b) + "'");
    }

    /** An unmodifiable empty list, for callers that need one. */
    static List<Object> none() {
        return Collections.emptyList();
    }
}
