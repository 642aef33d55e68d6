package io.runbook.modules.core;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Ansible's text forms for times in results: {@code start}/{@code end} and {@code delta}. */
final class Clock {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Clock() {
    }

    static String stamp(LocalDateTime time) {
        return STAMP.format(time);
    }

    /** Like Python's timedelta: {@code 0:00:01.234567}. */
    static String delta(Duration d) {
        long micros = d.toNanos() / 1000;
        long seconds = micros / 1_000_000;
        return String.format("%d:%02d:%02d.%06d", seconds / 3600, (seconds / 60) % 60, seconds % 60, micros % 1_000_000);
    }

    /** For messages: "5 s", "0.25 s". */
    static String text(Duration d) {
        double s = seconds(d);
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }

    /** Seconds with at most three decimals, for {@code elapsed}. */
    static double seconds(Duration d) {
        return Math.round(d.toMillis()) / 1000.0;
    }
}
