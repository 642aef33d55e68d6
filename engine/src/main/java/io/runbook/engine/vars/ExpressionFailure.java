package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/**
 * A problem found while compiling or evaluating an expression, before its position is known. The public entry
 * points ({@link Templar}, {@link Conditions}) turn it into a {@link UserError} at the place the user wrote it.
 */
class ExpressionFailure extends RuntimeException {
    private final String hint;
    private int line;

    ExpressionFailure(String message) {
        this(message, null);
    }

    ExpressionFailure(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }

    /** The line in the template where it happened (1-based), or 0 when unknown. */
    int line() {
        return line;
    }

    /** Records the template line where this happened, unless a deeper one is known already. */
    ExpressionFailure withLine(int templateLine) {
        if (line == 0) {
            line = templateLine;
        }
        return this;
    }

    UserError at(SourcePosition where) {
        return new UserError(where, getMessage(), hint);
    }

    /** The same failure with more context after the message, e.g. {@code " (line 3 of the template)"}. */
    ExpressionFailure withDetail(String detail) {
        return new ExpressionFailure(getMessage() + detail, hint).withLine(line);
    }

    /** The first ExpressionFailure in a cause chain (libraries wrap what our functions throw), or null. */
    static ExpressionFailure find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ExpressionFailure failure) {
                return failure;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
