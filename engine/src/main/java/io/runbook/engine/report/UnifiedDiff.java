package io.runbook.engine.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.runbook.engine.module.Diff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A result's diff as the lines Ansible's callbacks print for it ({@code CallbackBase._get_diff}), for every reporter. */
final class UnifiedDiff {
    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile("([-+])(\\d+),([01])(?= )");

    private UnifiedDiff() {
    }

    /**
     * The lines: the module's own text when it prepared one (git's {@code >> Newly checked out}, with no marker for a
     * last line without a newline), else a unified diff of before and after followed by a blank line, as Ansible's.
     */
    static List<String> lines(Diff d) {
        if (d.prepared() != null) {
            return d.prepared().lines().toList();
        }
        List<String> before = lines(d.before());
        List<String> after = lines(d.after());
        List<String> out = new ArrayList<>();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(header("before", d.beforeHeader()),
                header("after", d.afterHeader()), before, DiffUtils.diff(before, after), 3)) {
            out.add(line.startsWith("@@") ? difflibRange(line) : line);
        }
        if (!out.isEmpty()) {
            out.add("");  // as Ansible's callback: a blank line after each diff
        }
        return out;
    }

    private static String header(String side, String header) {
        return header == null ? side : side + ": " + header;
    }

    /**
     * A hunk header as Python's difflib (and so Ansible) writes it: a one-line range is "-1", not "-1,1", and an empty
     * range starts at the line before it ("-0,0" for a new file, not "-1,0").
     */
    static String difflibRange(String header) {
        return RANGE.matcher(header).replaceAll(m -> m.group(3).equals("1") ? m.group(1) + m.group(2)
                : m.group(1) + Math.max(0, Integer.parseInt(m.group(2)) - 1) + ",0");
    }

    /**
     * The lines of a text; a final newline ends the last line rather than starting an empty one. A last line without
     * one carries Ansible's marker, as its callback adds it before comparing (so it differs from the same line ended).
     */
    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        boolean ended = text.endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList((ended ? text.substring(0, text.length() - 1) : text).split("\n", -1)));
        if (!ended) {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n\\ No newline at end of file");
        }
        return lines;
    }
}
