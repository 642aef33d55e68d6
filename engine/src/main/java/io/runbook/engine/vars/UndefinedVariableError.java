package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/**
 * A template or condition used a variable that does not exist. Never rendered as an empty string: the task
 * fails on that host with {@code file:line:col: undefined variable 'cluster.nmae' (did you mean 'name'?)}.
 * It keeps its parts (the variable, its own explanation if any, the context after it) so that other wordings of
 * the same cause are composed from them, never parsed out of the message.
 */
public class UndefinedVariableError extends UserError {
    private final String variable;
    private final String explanation;
    private final String detail;

    /**
     * explanation: why the value is undefined when it is more than a missing name (e.g. {@code No first item,
     * sequence was empty.}), or null; detail: context written after the cause, e.g. {@code " (in the value of 'a')"}.
     */
    public UndefinedVariableError(SourcePosition position, String variable, String explanation, String detail, String hint) {
        this(position, ourCause(variable, explanation) + detail, hint, variable, explanation, detail);
    }

    private UndefinedVariableError(SourcePosition position, String message, String hint, String variable,
            String explanation, String detail) {
        super(position, message, hint);
        this.variable = variable;
        this.explanation = explanation;
        this.detail = detail;
    }

    static String ourCause(String variable, String explanation) {
        return explanation != null ? explanation : "undefined variable '" + variable + "'";
    }

    /** The full path as written, e.g. {@code cluster.nmae} or {@code clusters[2].name}. */
    public String variable() {
        return variable;
    }

    /** The same cause in Ansible's words: {@code 'cluster.nmae' is undefined}, then the detail. */
    public String ansibleCause() {
        return (explanation != null ? explanation : "'" + variable + "' is undefined") + detail;
    }

    /**
     * The same error (place, hint, parts) whose message is {@code lead} then {@link #ansibleCause()}, e.g. Ansible's
     * {@code The task includes an option with an undefined variable. The error was: 'x' is undefined}.
     */
    public UndefinedVariableError inAnsibleWords(String lead) {
        return new UndefinedVariableError(position(), lead + ansibleCause(), hint(), variable, explanation, detail);
    }
}
