package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/** TEMPORARY stand-in until the vars branch lands. */
public class UndefinedVariableError extends UserError {
    private final String variable;

    public UndefinedVariableError(SourcePosition where, String variable, String hint) {
        super(where, "undefined variable '" + variable + "'", hint);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
