package io.runbook.engine.vars;

/**
 * A missing variable, key or index, as Jinja's Undefined: harmless until used. Only {@code is defined},
 * {@code is undefined}, {@code default(...)} and attribute access (which gives a longer undefined path) accept
 * it; anything else fails with the path as written and a suggestion.
 */
final class Undefined {
    /** An undefined value with no name (an argument that was not given). */
    static final Undefined VALUE = new Undefined("value", null);

    private final String path;
    private final String hint;
    private final MissingVariable cause;

    Undefined(String path, String hint) {
        this.path = path;
        this.hint = hint;
        this.cause = null;
    }

    /** A variable whose own template uses an undefined variable: undefined too, failing with that cause. */
    Undefined(MissingVariable cause) {
        this.path = cause.path();
        this.hint = cause.hint();
        this.cause = cause;
    }

    String path() {
        return path;
    }

    /** {@code x.name} where x is undefined: still undefined, naming the first part that is missing. */
    Undefined attribute(String step) {
        return this;
    }

    MissingVariable failure() {
        return cause != null ? cause : new MissingVariable(path, hint);
    }

    @Override
    public String toString() {
        return "undefined";
    }
}
