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
    private String messageHint;
    /** What Jinja knows of it: the object that lacked the name (null: Jinja's {@code missing}), and the name. */
    private Object owner;
    private Object name;

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

    /**
     * An attribute {@code name} that {@code owner} lacks, as Jinja's {@code getattr} gives it (for {@code map(attribute=)}):
     * undefined until used, then failing with {@code message} and {@code hint}.
     */
    static Undefined missingAttribute(Object owner, String name, String message, String hint) {
        Undefined u = new Undefined(name, null, false);
        u.message = message;
        u.messageHint = hint;
        u.owner = owner;
        u.name = name;
        return u;
    }

    /** The same undefined value, knowing the object that lacked {@code name} (for its repr). Only on a new value. */
    Undefined of(Object owner, Object name) {
        this.owner = owner;
        this.name = name;
        return this;
    }

    /** The object that lacked the name, or null. */
    Object owner() {
        return owner;
    }

    /** Python's repr() of Ansible's undefined value: {@code AnsibleUndefined(hint=None, obj=missing, name='x')}. */
    String repr() {
        return "AnsibleUndefined(hint=None, obj=" + (owner == null ? "missing" : PyValues.repr(owner)) + ", name="
                + PyValues.repr(name == null ? path : name) + ")";
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
            return MissingVariable.explained(path, message, messageHint);
        }
        return cause != null ? cause : new MissingVariable(path, hint);
    }

    @Override
    public String toString() {
        return "undefined";
    }
}
