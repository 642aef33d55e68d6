package io.runbook.modules.library;

import io.runbook.engine.module.Diff;
import io.runbook.engine.report.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module's {@code diff} (one mapping or a list of them) as the diffs {@code --diff} shows, read as ansible-core 2.14's
 * callbacks read it ({@code CallbackBase._get_diff}): the binary and size notes, a unified diff of {@code before} and
 * {@code after} under their headers (a mapping serialized as {@code json.dumps(sort_keys=True, indent=4)}, None as
 * nothing), then the {@code prepared} text.
 */
final class ModuleDiffs {
    private ModuleDiffs() {
    }

    static List<Diff> of(Object diff) {
        List<Diff> out = new ArrayList<>();
        for (Object one : diff instanceof List<?> list ? list : List.of(diff)) {
            if (one instanceof Map<?, ?> d) {
                add(d, out);
            }
        }
        return out;
    }

    private static void add(Map<?, ?> d, List<Diff> out) {
        note(d, "dst_binary", "diff skipped: destination file appears to be binary", out);
        note(d, "src_binary", "diff skipped: source file appears to be binary", out);
        note(d, "dst_larger", "diff skipped: destination file size is greater than %s", out);
        note(d, "src_larger", "diff skipped: source file size is greater than %s", out);
        if (d.containsKey("before") && d.containsKey("after")) {
            out.add(new Diff("diff", side(d.get("before")), side(d.get("after")), header(d, "before_header"),
                    header(d, "after_header")));
        }
        if (d.containsKey("prepared")) {
            out.add(Diff.prepared(String.valueOf(d.get("prepared"))));
        }
    }

    private static void note(Map<?, ?> d, String key, String text, List<Diff> out) {
        if (d.containsKey(key)) {
            out.add(Diff.prepared(String.format(text, d.get(key))));
        }
    }

    private static String header(Map<?, ?> d, String key) {
        return d.containsKey(key) ? String.valueOf(d.get(key)) : null;
    }

    /** One side's text: a mapping as Python's json.dumps(sort_keys=True, indent=4) with ASCII escapes, None as none. */
    private static String side(Object v) {
        if (v == null) {
            return "";
        }
        if (!(v instanceof Map<?, ?>)) {
            return String.valueOf(v);
        }
        StringBuilder ascii = new StringBuilder();
        Json.pretty(v).chars().forEach(c -> ascii.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return ascii.append('\n').toString();
    }
}
