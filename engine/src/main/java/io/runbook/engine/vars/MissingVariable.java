package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/** An undefined variable (or key, or index) met while evaluating; {@code path} is what the user wrote, e.g. {@code a.b[0]}. */
final class MissingVariable extends ExpressionFailure {
    private final String path;

    MissingVariable(String path, String hint) {
        super("undefined variable '" + path + "'", hint);
        this.path = path;
    }

    String path() {
        return path;
    }

    @Override
    UserError at(SourcePosition where, String detail) {
        return new UndefinedVariableError(where, getMessage() + detail, hint(), path);
    }
}
