package io.runbook.engine.report;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What Ansible's profile_tasks and profile_roles callbacks share: the line each prints below a task's banner (the
 * time now, how long since its last line, how long since it was loaded) and the head of its summary after the recap.
 * The times come from {@code clock}; the lines' shape does not depend on them.
 */
final class TaskTimes {
    static final int COLUMNS = 79;
    private static final DateTimeFormatter NOW = DateTimeFormatter.ofPattern("EEEE dd MMMM yyyy  HH:mm:ss xx", Locale.ENGLISH);
    private final Clock clock;
    private final Instant loaded;
    private Instant last;

    TaskTimes(Clock clock) {
        this.clock = clock;
        this.loaded = clock.instant();
        this.last = loaded;
    }

    Instant now() {
        return clock.instant();
    }

    /** {@code Monday 07 December 2026  18:30:00 +0000 (0:00:00.012)       0:00:00.012 ****…} */
    void printLine(PrintWriter out) {
        Instant now = clock.instant();
        String text = NOW.format(ZonedDateTime.ofInstant(now, clock.getZone())) + " (" + elapsed(last, now) + ")"
                + " ".repeat(7) + elapsed(loaded, now);
        last = now;
        out.println(filled(text, '*'));
        out.flush();
    }

    /** The summary's first lines: the time line and a rule of {@code =}. */
    void printSummaryHead(PrintWriter out) {
        printLine(out);
        out.println(filled("", '='));
    }

    /** {@code NAME ------…--- 1.23s}: the name filled with dashes to {@code width}, the seconds right in 9 columns. */
    static String row(String name, Duration time, int width) {
        String right = String.format(Locale.ROOT, " %.2fs", time.toNanos() / 1e9);
        return dashed(name + " ", width) + "-".repeat(Math.max(0, 9 - right.length())) + right;
    }

    /** {@code text} filled with dashes to {@code width} columns. */
    static String dashed(String text, int width) {
        return text + "-".repeat(Math.max(0, width - text.length()));
    }

    /** {@code TEXT ***…* } as Ansible's callbacks fill a line to 79 columns (at least 3 fill characters, a space after). */
    static String filled(String text, char fill) {
        String msg = text.isEmpty() ? "" : text + " ";
        return msg + String.valueOf(fill).repeat(Math.max(3, COLUMNS - msg.length())) + " ";
    }

    /** {@code H:MM:SS.mmm}, the milliseconds cut. */
    private static String elapsed(Instant from, Instant to) {
        long ms = Math.max(0, Duration.between(from, to).toMillis());
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
