package io.runbook.engine.vars;

/** Text a template writes, bounded in size; it remembers whether anything secret went into it. */
final class Output {
    private final StringBuilder text = new StringBuilder();
    private final Jinja jinja;
    private boolean secret;

    Output(Jinja jinja) {
        this.jinja = jinja;
    }

    void text(String s) {
        text.append(s);
        jinja.checkLength(text.length());
    }

    /** What {@code {{ value }}} writes: Python's str(), None as nothing (Ansible's finalize). */
    void value(Object value) {
        if (value instanceof Undefined u) {
            throw u.failure();
        }
        if (value == null) {
            return;
        }
        secret |= Secrets.isSecret(value);
        text(PyValues.str(value));
    }

    void markSecret(boolean isSecret) {
        secret |= isSecret;
    }

    boolean isSecret() {
        return secret;
    }

    /** The text written, secret when anything secret went into it. */
    Object result() {
        return secret ? new SecretText(text.toString()) : text.toString();
    }
}
