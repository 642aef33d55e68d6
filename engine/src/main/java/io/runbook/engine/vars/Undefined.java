package io.runbook.engine.vars;

/**
 * A missing variable, key or index, as Jinja's Undefined: harmless until used. Only {@code is defined},
 * {@code is undefined}, {@code default(...)} and attribute access (which gives a longer undefined path) accept
 * it; anything else fails with the path as written and a suggestion.
 */
final class Undefined {
    /** An undefined value with no name (an argument that was not given). */
    static final Undefined VALUE = new Undefined("value", null);

    /**
     * What an inline {@code a if c} without else gives when c is false: Jinja's plain Undefined, which prints as
     * nothing, is false and iterates as empty (anything else fails as any undefined does).
     */
    static final Undefined EMPTY = new Undefined("the else branch of an inline if", null, true);

    private final String path;
    private final String hint;
    private final MissingVariable cause;
    private final boolean lenient;
    private String message;

    Undefined(String path, String hint) {
        this(path, hint, false);
    }

    private Undefined(String path, String hint, boolean lenient) {
        this.path = path;
        this.hint = hint;
        this.cause = null;
        this.lenient = lenient;
    }

    /** An undefined result that explains itself when used ("No first item, sequence was empty."). */
    static Undefined explained(String path, String message) {
        Undefined u = new Undefined(path, null, false);
        u.message = message;
        return u;
    }

    /** True for {@link #EMPTY}: printed as nothing, false, empty. */
    boolean lenient() {
        return lenient;
    }

    /** A variable whose own template uses an undefined variable: undefined too, failing with that cause. */
    Undefined(MissingVariable cause) {
        this.path = cause.path();
        this.hint = cause.hint();
        this.cause = cause;
        this.lenient = false;
    }

    String path() {
        return path;
    }

    /** {@code x.name} where x is undefined: still undefined, naming the first part that is missing. */
    Undefined attribute(String step) {
        return this;
    }

    MissingVariable failure() {
        if (message != null) {
            return MissingVariable.explained(path, message);
        }
        return cause != null ? cause : new MissingVariable(path, hint);
    }

    @Override
    public String toString() {
        return "undefined";
    }
}
