package io.runbook.engine.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template's evaluation raised what is, in Ansible's Jinja, a plain Python exception rather than one of Ansible's
 * errors ({@code ZeroDivisionError} for {@code {{ 5 / 0 }}}): ansible-core's task executor does not turn those into a
 * message but fails the task (or the loop's item, the items after it still run) with the exception alone, which its
 * callback shows as {@code An exception occurred during task execution. ... The error was: ZeroDivisionError: ...}.
 */
public final class PythonError extends UserError {
    private final String type;

    public PythonError(SourcePosition position, String message, String hint, String type) {
        super(position, message, hint);
        this.type = type;
    }

    /** The Python exception's class, such as {@code ZeroDivisionError}. */
    public String type() {
        return type;
    }

    /**
     * The failed result Ansible's task executor gives for it: {@code changed}, {@code failed} and {@code exception},
     * no {@code msg}. The exception's text names the template's place where Ansible's traceback names its own frames,
     * and ends, as a traceback does, with the exception's line.
     */
    public Map<String, Object> result() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("failed", true);
        SourcePosition at = position();
        r.put("exception", (at == null ? "" : "  " + at + ": in a template\n") + type + ": " + getMessage() + "\n");
        return r;
    }
}
