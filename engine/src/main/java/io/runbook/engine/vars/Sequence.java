package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sequence lookup: {@code start=1 end=5 format=web%02d}, {@code count=3}, {@code stride=2}, or {@code 1-5/2:fmt}. */
final class Sequence {
    private static final Pattern SHORT = Pattern.compile("(0[xo]?)?(-?[0-9a-fA-F]+)?(?:-(-?[0-9a-fA-F]+))?(?:/(-?\\d+))?(?::(.+))?");
    private static final int MAX = 100_000;

    private Sequence() {
    }

    static List<Object> lookup(List<Object> terms, Map<String, Object> options) {
        List<Object> out = new ArrayList<>();
        if (terms.isEmpty()) {
            terms = List.of("");
        }
        for (Object t : terms) {
            long start = 1;
            Long end = null;
            Long count = null;
            long stride = 1;
            String format = "%d";
            String text = Secrets.plain(t).strip();
            if (text.contains("=") || text.isEmpty()) {
                for (String part : text.split("\\s+")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        options = with(options, part.substring(0, eq), part.substring(eq + 1));
                    }
                }
            } else {
                Matcher m = SHORT.matcher(text);
                if (!m.matches()) {
                    throw new ExpressionFailure("can't parse arg " + text + " as a sequence");
                }
                if (m.group(3) == null) {
                    end = Long.decode(m.group(2));
                } else {
                    start = Long.decode(m.group(2));
                    end = Long.decode(m.group(3));
                }
                stride = m.group(4) == null ? 1 : Long.parseLong(m.group(4));
                format = m.group(5) == null ? format : m.group(5);
            }
            if (options.containsKey("start")) {
                start = Long.decode(Secrets.plain(options.get("start")));
            }
            if (options.containsKey("end")) {
                end = Long.decode(Secrets.plain(options.get("end")));
            }
            if (options.containsKey("count")) {
                count = Long.decode(Secrets.plain(options.get("count")));
            }
            if (options.containsKey("stride")) {
                stride = Long.decode(Secrets.plain(options.get("stride")));
            }
            if (options.containsKey("format")) {
                format = Secrets.plain(options.get("format"));
            }
            if (count != null) {
                end = start + (count - 1) * stride;
            }
            if (end == null) {
                throw new ExpressionFailure("must specify count or end in with_sequence");
            }
            if (stride == 0 || (stride > 0 ? end < start : end > start)) {
                throw new ExpressionFailure("to count backwards make stride negative");
            }
            for (long i = start; stride > 0 ? i <= end : i >= end; i += stride) {
                if (out.size() >= MAX) {
                    throw new ExpressionFailure("the sequence has more than " + MAX + " items");
                }
                out.add(PercentFormat.apply(format, i).toString());
            }
        }
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> options, String key, String value) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(options);
        out.put(key, value);
        return out;
    }
}
