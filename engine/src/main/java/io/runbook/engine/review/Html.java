package io.runbook.engine.review;

import java.time.Duration;

/** Small HTML helpers of the review page. */
final class Html {
    private Html() {
    }

    /** Text for an HTML element or a quoted attribute. */
    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** "1 h 02 m", "3 m 07 s", "12.4 s", "0.31 s". */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format("%d h %02d m", s / 3600, s % 3600 / 60);
        }
        if (s >= 60) {
            return String.format("%d m %02d s", s / 60, s % 60);
        }
        return String.format(s >= 10 ? "%.1f s" : "%.2f s", d.toMillis() / 1000.0);
    }
}
