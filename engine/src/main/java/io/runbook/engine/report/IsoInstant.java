package io.runbook.engine.report;

import java.time.Instant;

/**
 * An instant as {@link Instant#toString} writes it ({@code 2026-12-04T16:03:51.666142103Z}), for the time of every
 * line of the journal and the event log: the date and time of day are made once per second, not per line.
 */
public final class IsoInstant {
    /** The text of one second without its {@code Z}, and that second. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private IsoInstant() {
    }

    /** The time now. */
    public static String now() {
        return text(Instant.now());
    }

    public static String text(Instant t) {
        long second = t.getEpochSecond();
        Second s = last;
        if (s.epochSecond() != second) {
            String whole = Instant.ofEpochSecond(second).toString();
            if (!whole.endsWith("Z") || whole.charAt(0) == '+' || whole.charAt(0) == '-') {
                return t.toString();  // beyond year 9999 or before year 0: as Instant writes it
            }
            s = new Second(second, whole.substring(0, whole.length() - 1));
            last = s;
        }
        int nano = t.getNano();
        StringBuilder sb = new StringBuilder(s.text().length() + 11).append(s.text());
        if (nano != 0) {
            // as DateTimeFormatter.ISO_INSTANT: three, six or nine digits, as many as the fraction needs
            int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            sb.append('.');
            String n = Integer.toString(value);
            for (int i = n.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(n);
        }
        return sb.append('Z').toString();
    }
}
