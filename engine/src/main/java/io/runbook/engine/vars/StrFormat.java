package io.runbook.engine.vars;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Python's {@code str.format}: {@code {}}, {@code {0}}, {@code {name}}, {@code {0.attr}}, {@code {:>8}}, {@code {:.2f}}, {@code {{ }}}. */
final class StrFormat {
    private StrFormat() {
    }

    static String format(String template, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new ExpressionFailure("Single '{' encountered in format string");
                }
                String field = template.substring(i + 1, end);
                int colon = field.indexOf(':');
                String ref = colon < 0 ? field : field.substring(0, colon);
                String spec = colon < 0 ? "" : field.substring(colon + 1);
                int bang = ref.indexOf('!');
                String conversion = bang < 0 ? null : ref.substring(bang + 1);
                ref = bang < 0 ? ref : ref.substring(0, bang);
                Object value;
                if (ref.isEmpty()) {
                    value = positional(args, auto++);
                } else if (ref.matches("\\d+")) {
                    value = positional(args, Integer.parseInt(ref));
                } else {
                    if (!kwargs.containsKey(ref)) {
                        throw new ExpressionFailure("KeyError: '" + ref + "'");
                    }
                    value = kwargs.get(ref);
                }
                if ("r".equals(conversion)) {
                    value = PyValues.repr(value);
                }
                out.append(spec(value, spec));
                i = end + 1;
            } else if (c == '}') {
                throw new ExpressionFailure("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static Object positional(List<Object> args, int i) {
        if (i >= args.size()) {
            throw new ExpressionFailure("Replacement index " + i + " out of range for positional args tuple");
        }
        return args.get(i);
    }

    /** A format spec: [[fill]align][sign][0][width][,][.precision][type]. */
    static String spec(Object value, String spec) {
        if (spec.isEmpty()) {
            return PyValues.str(value);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?:(.)?([<>^=]))?([+\\- ])?(0)?(\\d+)?(,)?(?:\\.(\\d+))?([sdfFeEgGxXob%])?").matcher(spec);
        if (!m.matches()) {
            throw new ExpressionFailure("Invalid format specifier '" + spec + "'");
        }
        String type = m.group(8);
        String body;
        if (type == null && !PyNumbers.isNumber(value) || "s".equals(type)) {
            body = m.group(7) != null ? PyValues.str(value).substring(0, Math.min(PyValues.str(value).length(), Integer.parseInt(m.group(7)))) : PyValues.str(value);
        } else if (type == null && PyNumbers.isInt(value) || "d".equals(type)) {
            body = m.group(6) != null ? String.format(Locale.ROOT, "%,d", PyNumbers.big(value)) : PyNumbers.big(value).toString();
        } else if ("x".equals(type) || "X".equals(type) || "o".equals(type) || "b".equals(type)) {
            int radix = switch (type) { case "o" -> 8; case "b" -> 2; default -> 16; };
            body = PyNumbers.big(value).toString(radix);
            body = "X".equals(type) ? body.toUpperCase(Locale.ROOT) : body;
        } else if (type == null) {
            body = m.group(7) == null ? PyValues.str(value) : String.format(Locale.ROOT, "%." + m.group(7) + "g", PyNumbers.real(value));
        } else if ("%".equals(type)) {
            body = String.format(Locale.ROOT, "%." + (m.group(7) == null ? 6 : Integer.parseInt(m.group(7))) + "f", PyNumbers.real(value) * 100) + "%";
        } else {
            int p = m.group(7) == null ? 6 : Integer.parseInt(m.group(7));
            body = String.format(Locale.ROOT, "%" + (m.group(6) != null ? "," : "") + "." + p + (type.equalsIgnoreCase("f") ? "f" : type), PyNumbers.real(value));
            body = body.replaceAll("([eE][+-])(\\d)$", "$10$2");
        }
        if ("+".equals(m.group(3)) && PyNumbers.isNumber(value) && !body.startsWith("-")) {
            body = "+" + body;
        }
        int width = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        if (body.length() >= width) {
            return body;
        }
        PyOps.checkSize(width);
        String fill = m.group(1) != null ? m.group(1) : m.group(4) != null ? "0" : " ";
        String align = m.group(2) != null ? m.group(2) : m.group(4) != null ? "=" : PyNumbers.isNumber(value) ? ">" : "<";
        int missing = width - body.length();
        return switch (align) {
            case "<" -> body + fill.repeat(missing);
            case ">" -> fill.repeat(missing) + body;
            case "^" -> fill.repeat(missing / 2) + body + fill.repeat(missing - missing / 2);
            default -> body.startsWith("-") || body.startsWith("+") ? body.charAt(0) + fill.repeat(missing) + body.substring(1) : fill.repeat(missing) + body;
        };
    }
}
