package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/**
 * An undefined variable (or key, or index) met while evaluating; {@code path} is what the user wrote, e.g. {@code a.b[0]}.
 * Its parts are kept apart (see {@link UndefinedVariableError}): the message is composed from them.
 */
final class MissingVariable extends ExpressionFailure {
    private final String path;
    private final String explanation;
    private final String detail;

    MissingVariable(String path, String hint) {
        this(path, null, "", hint);
    }

    private MissingVariable(String path, String explanation, String detail, String hint) {
        super(UndefinedVariableError.ourCause(path, explanation) + detail, hint);
        this.path = path;
        this.explanation = explanation;
        this.detail = detail;
    }

    /** An undefined value with its own explanation, such as the first item of an empty list. */
    static MissingVariable explained(String path, String message) {
        return new MissingVariable(path, message, "", null);
    }

    /** An undefined value with its own explanation and a suggestion (or null). */
    static MissingVariable explained(String path, String message, String hint) {
        return new MissingVariable(path, message, "", hint);
    }

    String path() {
        return path;
    }

    @Override
    ExpressionFailure withDetail(String detail) {
        return new MissingVariable(path, explanation, this.detail + detail, hint()).withLine(line());
    }

    @Override
    UserError at(SourcePosition where) {
        return new UndefinedVariableError(where, path, explanation, detail, hint());
    }
}
