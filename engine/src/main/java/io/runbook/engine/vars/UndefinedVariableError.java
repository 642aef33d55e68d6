package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/**
 * A template or condition used a variable that does not exist. Never rendered as an empty string: the task
 * fails on that host with {@code file:line:col: undefined variable 'cluster.nmae' (did you mean 'name'?)}.
 */
public class UndefinedVariableError extends UserError {
    private final String variable;

    public UndefinedVariableError(SourcePosition position, String message, String hint, String variable) {
        super(position, message, hint);
        this.variable = variable;
    }

    /** The full path as written, e.g. {@code cluster.nmae} or {@code clusters[2].name}. */
    public String variable() {
        return variable;
    }
}
