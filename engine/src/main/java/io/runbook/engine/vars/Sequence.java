package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's sequence lookup, for {@code lookup('sequence', …)} and {@code with_sequence}: {@code start=1 end=5
 * format=web%02d}, {@code count=3}, {@code stride=2}, or the short form {@code [start-]end[/stride][:format]}.
 * Numbers are read as Python's {@code int(x, 0)} reads them ({@code 0x10}, {@code 0o17}); the checks, their order and
 * their messages are Ansible's, so a rescue comparing {@code ansible_failed_result.msg} sees the same text.
 */
public final class Sequence {
    private static final String NUM = "(0?x?[0-9a-f]+)";
    private static final Pattern SHORT = Pattern.compile("((" + NUM + ")-)?" + NUM + "(/" + NUM + ")?(:(.+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PY_INT = Pattern.compile("[+-]?(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|0(_?0)*|[1-9](_?\\d)*)");
    private static final int MAX = 100_000;

    private long start = 1;
    private Long end;
    private Long count;
    private long stride = 1;
    private String format = "%d";

    private Sequence() {
    }

    /** The items of one {@code with_sequence} term; a bad term is an error at {@code where} with Ansible's message. */
    public static List<Object> items(String term, SourcePosition where) {
        try {
            return of(term, Map.of());
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    static List<Object> lookup(List<Object> terms, Map<String, Object> options) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms.isEmpty() ? List.<Object>of("") : terms) {
            out.addAll(of(Secrets.plain(t), options));
            if (out.size() > MAX) {
                throw new ExpressionFailure("the sequence has more than " + MAX + " items");
            }
        }
        return out;
    }

    private static List<Object> of(String term, Map<String, Object> options) {
        Sequence s = new Sequence();
        if (!s.shortForm(term.strip())) {
            Map<String, Object> args = keyValues(term);
            args.putAll(options);
            s.keyValues(args);
        }
        s.check();
        return s.stride == 0 ? new ArrayList<>() : s.generate();
    }

    private boolean shortForm(String term) {
        Matcher m = SHORT.matcher(term);
        if (!m.matches()) {
            return false;
        }
        if (m.group(2) != null) {
            start = integer("start", m.group(2));
        }
        end = integer("end", m.group(4));
        if (m.group(6) != null) {
            stride = integer("stride", m.group(6));
        }
        if (m.group(8) != null) {
            format = m.group(8);
        }
        return true;
    }

    /** {@code key=value} words; other words are {@code _raw_params}, as Ansible's parse_kv makes them. */
    private static Map<String, Object> keyValues(String term) {
        return new LinkedHashMap<>(ArgSplitter.keyValues(term, null));
    }

    private void keyValues(Map<String, Object> args) {
        for (String key : List.of("start", "end", "count", "stride")) {
            Object raw = args.remove(key);
            if (raw == null) {
                continue;
            }
            long v = integer(key, Secrets.plain(raw));
            switch (key) {
                case "start" -> start = v;
                case "end" -> end = v;
                case "count" -> count = v;
                default -> stride = v;
            }
        }
        if (args.containsKey("format")) {
            format = Secrets.plain(args.remove("format"));
        }
        if (!args.isEmpty()) {
            throw new ExpressionFailure("unrecognized arguments to with_sequence: " + PyValues.repr(List.copyOf(args.keySet())));
        }
    }

    private void check() {
        if (count == null && end == null) {
            throw new ExpressionFailure("must specify count or end in with_sequence");
        } else if (count != null && end != null) {
            throw new ExpressionFailure("can't specify both count and end in with_sequence");
        } else if (count != null) {
            if (count != 0) {
                end = start + count * stride - 1;
            } else {
                start = 0;
                end = 0L;
                stride = 0;
            }
        }
        if (stride > 0 && end < start) {
            throw new ExpressionFailure("to count backwards make stride negative");
        }
        if (stride < 0 && end > start) {
            throw new ExpressionFailure("to count forward don't make stride negative");
        }
        if (format.chars().filter(c -> c == '%').count() != 1) {
            throw new ExpressionFailure("bad formatting string: " + format);
        }
    }

    /** Python's range(start, end ± 1, stride), each number through the format. */
    private List<Object> generate() {
        List<Object> out = new ArrayList<>();
        long stop = end + (stride >= 0 ? 1 : -1);
        for (long i = start; stride > 0 ? i < stop : i > stop; i += stride) {
            if (out.size() >= MAX) {
                throw new ExpressionFailure("the sequence has more than " + MAX + " items");
            }
            try {
                out.add(PercentFormat.apply(format, i).toString());
            } catch (ExpressionFailure e) {
                throw new ExpressionFailure("problem formatting " + i + " with " + PyValues.repr(format));
            }
        }
        return out;
    }

    /** Python's {@code int(text, 0)}, or Ansible's "can't parse key=text as integer". */
    private static long integer(String key, String text) {
        String s = text.strip();
        if (!PY_INT.matcher(s).matches()) {
            throw new ExpressionFailure("can't parse " + key + "=" + text + " as integer");
        }
        s = s.replace("_", "");
        boolean negative = s.startsWith("-");
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        if (digits.length() > 1 && !Character.isDigit(digits.charAt(1))) {
            radix = switch (Character.toLowerCase(digits.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            digits = digits.substring(2);
        }
        try {
            long v = Long.parseLong(digits, radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new ExpressionFailure("can't parse " + key + "=" + text + " as integer");
        }
    }
}
