package io.runbook.engine.report;

import io.runbook.engine.module.Diff;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the default callback's lines are written: the run's secrets masked, coloured on a terminal, banners as Ansible's
 * display writes them, failures on standard error when asked; a progress line rewritten in place on a terminal (closed
 * before anything else is written) and printed at most every few seconds otherwise.
 */
final class ConsoleLines {
    private static final int COLUMNS = 79;
    private static final long PROGRESS_EVERY_MILLIS = 5000;
    final PrintWriter out;
    private final Redactor redactor;
    private final boolean colour;
    private final WarningDisplay warnings;
    private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();
    private boolean progressLineOpen;

    ConsoleLines(PrintWriter out, Redactor redactor, boolean colour, WarningDisplay warnings) {
        this.out = out;
        this.redactor = redactor;
        this.colour = colour;
        this.warnings = warnings;
    }

    /** A banner: an empty line, the text (stripped, as Ansible's) and stars to 80 columns (3 at least). */
    void banner(String msg) {
        closeProgress();
        String text = msg.strip();
        int stars = Math.max(3, COLUMNS - text.length());
        out.println();
        out.println(redactor.redact(text) + " " + "*".repeat(stars));
    }

    void print(String text, Colour c) {
        String safe = redactor.redact(text);
        out.println(colour && c != null ? c.code + safe + "\033[0m" : safe);
    }

    /** A failed or unreachable result's line (red): on standard error when {@code stderr} (display_failed_stderr). */
    void failure(String line, boolean stderr) {
        if (!stderr) {
            print(line, Colour.RED);
            return;
        }
        String safe = redactor.redact(line);
        warnings.text((colour ? Colour.RED.code + safe + "\033[0m" : safe) + "\n", true);
    }

    void diff(Diff d) {
        for (String l : UnifiedDiff.lines(d)) {
            Colour c = l.startsWith("+") && !l.startsWith("+++") ? Colour.GREEN
                    : l.startsWith("-") && !l.startsWith("---") ? Colour.RED : l.startsWith("@@") ? Colour.CYAN : null;
            print(l, d.prepared() != null ? null : c);
        }
    }

    void progress(String host, String status) {
        String text = redactor.redact("  [" + host + "] " + status);
        if (colour) {
            out.print("\r\033[2K" + text);
            out.flush();
            progressLineOpen = true;
            return;
        }
        long now = System.currentTimeMillis();
        Long last = lastProgress.get(host);
        if (last == null || now - last >= PROGRESS_EVERY_MILLIS) {
            lastProgress.put(host, now);
            out.println(text);
        }
    }

    void closeProgress() {
        if (progressLineOpen) {
            out.print("\r\033[2K");
            progressLineOpen = false;
        }
    }
}
