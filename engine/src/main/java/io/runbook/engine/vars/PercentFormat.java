package io.runbook.engine.vars;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code 'format' % values}: %s %r %d %i %f %e %g %x %o %c %%, flags, width, precision, %(name)s. */
final class PercentFormat {
    private static final Pattern SPEC = Pattern.compile("%(?:\\(([^)]*)\\))?([-+ #0]*)(\\*|\\d+)?(?:\\.(\\d+))?([sdirfFeEgGxXoc%])");

    private PercentFormat() {
    }

    static Object apply(CharSequence format, Object values) {
        List<?> args = values instanceof PyTuple t ? t : List.of(values == null ? NullArg.NONE : values);
        StringBuilder out = new StringBuilder();
        List<Object> owners = new java.util.ArrayList<>();
        Matcher m = SPEC.matcher(format);
        int last = 0;
        int next = 0;
        while (m.find()) {
            out.append(format, last, m.start());
            last = m.end();
            char conversion = m.group(5).charAt(0);
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            Object arg;
            if (m.group(1) != null) {
                if (!(values instanceof Map<?, ?> map)) {
                    throw new ExpressionFailure("format requires a mapping");
                }
                Object key = PyValues.findKey(map, m.group(1));
                if (key == PyValues.MISSING) {
                    throw new ExpressionFailure("KeyError: '" + m.group(1) + "'");
                }
                arg = map.get(key);
            } else {
                if (next >= args.size()) {
                    throw new ExpressionFailure("not enough arguments for format string");
                }
                arg = args.get(next++);
                arg = arg == NullArg.NONE ? null : arg;
            }
            if (arg instanceof Undefined u && u.owner() != null) {
                owners.add(u.owner());  // its repr shows the object that lacked the name: secret when that is
            }
            out.append(one(conversion, m.group(2), m.group(3), m.group(4), arg));
        }
        out.append(format, last, format.length());
        if (m.reset().results().noneMatch(r -> r.group(1) != null) && next < args.size() && !(values instanceof Map<?, ?>)) {
            throw new ExpressionFailure("not all arguments converted during string formatting");
        }
        return Secrets.derive(out.toString(), format, values, owners);
    }

    private static String one(char conversion, String flags, String width, String precision, Object arg) {
        String body = switch (conversion) {
            case 's' -> PyValues.str(arg);
            case 'r' -> arg instanceof Undefined u ? u.repr() : PyValues.repr(arg);
            case 'd', 'i' -> integer(arg).toString();
            case 'x' -> integer(arg).toString(16);
            case 'X' -> integer(arg).toString(16).toUpperCase(Locale.ROOT);
            case 'o' -> integer(arg).toString(8);
            case 'c' -> arg instanceof CharSequence s ? s.toString() : String.valueOf((char) integer(arg).intValue());
            default -> real(conversion, flags, precision, arg);
        };
        if (flags.contains("+") && "dixXoeEfFgG".indexOf(conversion) >= 0 && !body.startsWith("-")) {
            body = "+" + body;
        }
        int w = width == null || width.equals("*") ? 0 : Integer.parseInt(width);
        if (body.length() >= w) {
            return body;
        }
        PyOps.checkSize(w);
        if (flags.contains("-")) {
            return body + " ".repeat(w - body.length());
        }
        if (flags.contains("0") && "dixXoeEfFgG".indexOf(conversion) >= 0) {
            boolean signed = body.startsWith("-") || body.startsWith("+");
            String digits = signed ? body.substring(1) : body;
            return (signed ? body.substring(0, 1) : "") + "0".repeat(w - body.length()) + digits;
        }
        return " ".repeat(w - body.length()) + body;
    }

    private static java.math.BigInteger integer(Object arg) {
        if (PyNumbers.isInt(arg)) {
            return PyNumbers.big(arg);
        }
        if (PyNumbers.isFloat(arg)) {
            return new BigDecimal(PyNumbers.real(arg)).toBigInteger();
        }
        throw new ExpressionFailure("%d format: a real number is required, not " + PyValues.typeName(arg));
    }

    private static String real(char conversion, String flags, String precision, Object arg) {
        if (!PyNumbers.isNumber(arg)) {
            throw new ExpressionFailure("must be real number, not " + PyValues.typeName(arg));
        }
        int p = precision == null ? 6 : Integer.parseInt(precision);
        double d = PyNumbers.real(arg);
        return switch (conversion) {
            case 'f', 'F' -> String.format(Locale.ROOT, "%." + p + "f", d);
            case 'e', 'E' -> exponent(String.format(Locale.ROOT, "%." + p + (conversion == 'e' ? "e" : "E"), d));
            default -> general(d, p == 0 ? 1 : p, flags.contains("#"), conversion == 'G');
        };
    }

    /** Java writes e+1 where Python writes e+01. */
    private static String exponent(String s) {
        return s.replaceAll("([eE][+-])(\\d)$", "$10$2");
    }

    private static String general(double d, int precision, boolean keepZeros, boolean upper) {
        if (d == 0) {
            return "0";
        }
        int exp = (int) Math.floor(Math.log10(Math.abs(new BigDecimal(d).round(new java.math.MathContext(precision)).doubleValue())));
        String s;
        if (exp < -4 || exp >= precision) {
            s = exponent(String.format(Locale.ROOT, "%." + (precision - 1) + "e", d));
            if (!keepZeros) {
                s = s.replaceAll("\\.?0+e", "e");
            }
        } else {
            s = String.format(Locale.ROOT, "%." + Math.max(0, precision - 1 - exp) + "f", d);
            if (!keepZeros && s.contains(".")) {
                s = s.replaceAll("\\.?0+$", "");
            }
        }
        return upper ? s.toUpperCase(Locale.ROOT) : s;
    }

    private enum NullArg { NONE }
}
