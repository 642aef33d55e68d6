package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's sequence lookup ({@code with_sequence}): {@code start=1 end=10 stride=2 format=host%02d}, {@code count=N}
 * instead of end, or the short form {@code [start-]end[/stride][:format]}. Numbers may be hex ({@code 0x10}) or octal
 * ({@code 0o17}); items are text made with the printf-style format (default {@code %d}).
 */
record Sequence(long start, long end, long stride, String format) {
    private static final Pattern SHORT = Pattern.compile("(?:(-?(?:0x)?[0-9a-fA-F]+|-?0o?[0-7]+)-)?(-?(?:0x)?[0-9a-fA-F]+|0o?[0-7]+)(?:/(-?(?:0x)?[0-9a-fA-F]+))?(?::(.+))?");

    static Sequence parse(String term, SourcePosition where) {
        long start = 1;
        Long end = null;
        Long count = null;
        long stride = 1;
        String format = "%d";
        String text = term.strip();
        if (!text.contains("=")) {
            Matcher m = SHORT.matcher(text);
            if (!m.matches()) {
                throw new UserError(where, "can't parse arg '" + text + "' as a sequence (write start=1 end=10, or 1-10)");
            }
            if (m.group(1) != null) {
                start = number(m.group(1), where);
            }
            end = number(m.group(2), where);
            if (m.group(3) != null) {
                stride = number(m.group(3), where);
            }
            if (m.group(4) != null) {
                format = m.group(4);
            }
        } else {
            for (String part : text.split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new UserError(where, "can't parse arg '" + part + "' of with_sequence (write key=value)");
                }
                String key = part.substring(0, eq);
                String value = part.substring(eq + 1);
                switch (key) {
                    case "start" -> start = number(value, where);
                    case "end" -> end = number(value, where);
                    case "count" -> count = number(value, where);
                    case "stride" -> stride = number(value, where);
                    case "format" -> format = value;
                    default -> throw new UserError(where, "unrecognized arguments to with_sequence: " + key);
                }
            }
        }
        if (count != null && end != null) {
            throw new UserError(where, "can't specify both count and end in with_sequence");
        }
        if (count == null && end == null) {
            throw new UserError(where, "must specify count or end in with_sequence");
        }
        if (count != null) {
            end = count == 0 ? start - stride : start + (count - 1) * stride;
            if (count == 0) {
                return new Sequence(0, -1, 1, format);
            }
        }
        if (stride > 0 && end < start) {
            throw new UserError(where, "to count backwards make stride negative");
        }
        if (stride < 0 && end > start) {
            throw new UserError(where, "to count forward don't make stride negative");
        }
        return new Sequence(start, end, stride, format);
    }

    List<Object> items() {
        List<Object> out = new ArrayList<>();
        if (stride == 0) {
            return out;
        }
        for (long i = start; stride > 0 ? i <= end : i >= end; i += stride) {
            out.add(format(i));
        }
        return out;
    }

    private String format(long i) {
        try {
            return String.format(format.replaceAll("%(-?\\d*)i", "%$1d"), i);
        } catch (java.util.IllegalFormatException e) {
            throw new UserError(null, "bad formatting string: " + format);
        }
    }

    private static long number(String v, SourcePosition where) {
        String s = v.strip().toLowerCase();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        try {
            long n = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16)
                    : s.startsWith("0o") ? Long.parseLong(s.substring(2), 8)
                    : s.length() > 1 && s.startsWith("0") ? Long.parseLong(s.substring(1), 8) : Long.parseLong(s);
            return negative ? -n : n;
        } catch (NumberFormatException e) {
            throw new UserError(where, "can't parse '" + v + "' as a number in with_sequence");
        }
    }
}
