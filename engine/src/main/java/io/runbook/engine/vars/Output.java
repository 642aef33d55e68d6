package io.runbook.engine.vars;

/**
 * Text a template writes, bounded in size; it remembers whether anything secret went into it, and the value when
 * the template wrote exactly one value and nothing else (Ansible's native rendering keeps that value's type).
 */
final class Output {
    private static final Object NOTHING = new Object();
    private final StringBuilder text = new StringBuilder();
    private final Jinja jinja;
    private java.util.List<String> secretPieces;
    private int parts;
    private Object only = NOTHING;
    /** jinja2_native's rendering of a task's template: None is written as {@code None}, not as nothing. */
    private final boolean writesNone;

    Output(Jinja jinja) {
        this(jinja, false);
    }

    Output(Jinja jinja, boolean writesNone) {
        this.jinja = jinja;
        this.writesNone = writesNone;
    }

    void text(String s) {
        if (s.isEmpty()) {
            return;
        }
        parts++;
        text.append(s);
        jinja.checkLength(text.length());
    }

    /** What {@code {{ value }}} writes: Python's str(), None as nothing (Ansible's finalize) unless {@link #writesNone}. */
    void value(Object value) {
        if (value instanceof Undefined u) {
            if (u.lenient()) {
                return;
            }
            throw u.failure();
        }
        parts++;
        only = parts == 1 ? value : NOTHING;
        if (value == null) {
            if (writesNone) {
                text.append("None");
            }
            return;
        }
        if (Secrets.isSecret(value)) {
            pieces().addAll(Secrets.pieces(value));
        }
        String s = PyValues.str(value);
        text.append(s);
        jinja.checkLength(text.length());
    }

    private java.util.List<String> pieces() {
        if (secretPieces == null) {
            secretPieces = new java.util.ArrayList<>();
        }
        return secretPieces;
    }

    /** The text written, secret text (with the pieces that are secret) when anything secret went into it. */
    Object result() {
        return secretPieces == null ? text.toString() : new SecretText(text.toString(), secretPieces);
    }

    /** A macro's (a block's) value: what was written as the render's {@link Concat} makes it. */
    Object concatenated() {
        Concat concat = Concat.current(jinja);
        if (concat == Concat.TEXT) {
            return result();
        }
        boolean one = parts == 1 && only != NOTHING;
        if (concat == Concat.EVAL) {
            return one && NativeText.is(only) ? only : LiteralResults.of(result());
        }
        if (parts == 0) {
            return null;
        }
        return one && (only == null || !(only instanceof CharSequence) || NativeText.is(only)) ? only
                : LiteralResults.nativeOf(result());
    }

    /**
     * As Ansible renders a task argument: the value itself when the template wrote exactly one value and no text
     * ({@code {% set x = 3 %}{{ x }}} is the int 3), else the text; None is nothing (Ansible's finalize).
     */
    Object nativeResult() {
        if (parts == 1 && only != NOTHING && only != null && (!(only instanceof CharSequence) || NativeText.is(only))) {
            return only;
        }
        return result();
    }
}
