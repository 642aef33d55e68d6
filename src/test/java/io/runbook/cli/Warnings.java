package io.runbook.cli;

import io.runbook.engine.report.WarningDisplay;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings a run printed (on stderr, wrapped at {@link WarningDisplay#COLUMNS} as Ansible's display wraps them),
 * each on one line again: a line continues the warning above it when its first word did not fit on that line (after a
 * space, or right after the hyphen textwrap broke a hyphenated word at: {@code connectivity-} / {@code lost}).
 */
final class Warnings {
    private Warnings() {
    }

    /** Every {@code [WARNING]: …} of text, unwrapped, one per line. */
    static String of(String text) {
        return String.join("\n", list(text));
    }

    static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        String previous = "";
        for (String line : text.split("\\R")) {
            String firstWord = line.split(" ", 2)[0];
            // a first word too long for the first line leaves "[WARNING]:" alone on it, as textwrap does
            if (line.startsWith("[WARNING]: ") || line.equals("[WARNING]:")) {
                if (current != null) {
                    out.add(current.toString());
                }
                current = new StringBuilder(line);
            } else if (current != null && !line.isEmpty() && !line.startsWith(" ")
                    && previous.length() + (previous.endsWith("-") ? 0 : 1) + firstWord.length() > WarningDisplay.COLUMNS) {
                current.append(previous.endsWith("-") ? "" : " ").append(line);
            } else if (current != null) {
                out.add(current.toString());
                current = null;
            }
            previous = line;
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }
}
