package io.runbook.engine.vars;

import java.time.LocalDateTime;

/** Python's {@code time.strptime} for modules (the directives {@code to_datetime} knows), as a local date and time. */
public final class PythonTime {
    private PythonTime() {
    }

    /** {@code text} read with {@code format}; IllegalArgumentException with Python's words when it does not match. */
    public static LocalDateTime strptime(String text, String format) {
        try {
            return DateFilters.parse(text, format).time();
        } catch (ExpressionFailure e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
