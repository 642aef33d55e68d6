package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/**
 * A problem found while compiling or evaluating an expression, before its position is known. The public entry
 * points ({@link Templar}, {@link Conditions}) turn it into a {@link UserError} at the place the user wrote it.
 */
class ExpressionFailure extends RuntimeException {
    private final String hint;
    /** The Python exception Ansible's Jinja raises here where it is no error of Ansible's ({@link PythonError}), or null. */
    private String pythonType;
    private int line;

    ExpressionFailure(String message) {
        this(message, null);
    }

    ExpressionFailure(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    /** A failure that is the plain Python exception {@code type} in Ansible's Jinja ({@code ZeroDivisionError}). */
    static ExpressionFailure raised(String type, String message) {
        ExpressionFailure f = new ExpressionFailure(message);
        f.pythonType = type;
        return f;
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
        return pythonType != null ? new io.runbook.engine.error.PythonError(where, getMessage(), hint, pythonType)
                : new UserError(where, getMessage(), hint);
    }

    /** The same failure with more context after the message, e.g. {@code " (line 3 of the template)"}. */
    ExpressionFailure withDetail(String detail) {
        ExpressionFailure f = new ExpressionFailure(getMessage() + detail, hint).withLine(line);
        f.pythonType = pythonType;
        return f;
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
