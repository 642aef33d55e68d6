package io.runbook.engine.error;

/**
 * A mistake in what the user gave us (playbook, inventory, variables, templates, arguments): carries the
 * place and a one-line cause, and is printed as {@code file:line:col: cause (did you mean 'x'?)} without a
 * stack trace. Thrown before anything runs wherever the mistake can be found statically.
 */
public class UserError extends RuntimeException {
    private final SourcePosition position;
    private final String hint;
    /** The warnings Ansible would have shown before this error (as its display does while it reads), in order. */
    private java.util.List<String> warnings = java.util.List.of();

    public UserError(SourcePosition position, String message) {
        this(position, message, null);
    }

    public UserError(SourcePosition position, String message, String hint) {
        super(message);
        this.position = position;
        this.hint = hint;
    }

    /** Where the mistake is; may be null when it has no place (e.g. a missing file given on the command line). */
    public SourcePosition position() {
        return position;
    }

    /** A suggested fix such as {@code did you mean 'children'?}, or null. */
    public String hint() {
        return hint;
    }

    /**
     * The warnings to show before this error, in order; the commands print them as warnings, then the error. Never null.
     */
    public java.util.List<String> warnings() {
        return warnings;
    }

    /** This error with {@code before} shown ahead of the warnings it has; returns this. */
    public UserError warnedBefore(java.util.List<String> before) {
        java.util.List<String> all = new java.util.ArrayList<>(before);
        all.addAll(warnings);
        warnings = java.util.List.copyOf(all);
        return this;
    }

    /** The cause without the position. */
    public String cause() {
        return hint == null ? getMessage() : getMessage() + " (" + hint + ")";
    }

    /** The whole one-line message: position, cause and hint. */
    public String format() {
        return position == null ? cause() : position + ": " + cause();
    }

    @Override
    public String toString() {
        return format();
    }
}
