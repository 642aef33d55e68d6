package io.runbook.engine.vars;

/**
 * Text that is never templated (Ansible's unsafe): a command's output, a file's contents, a {@code !unsafe}
 * value. It prints and compares as its text, but {@code {{ }}} inside it stays as it is.
 */
public class UnsafeText extends MarkedText {
    public UnsafeText(String text) {
        super(text);
    }

    @Override
    protected Class<?> mark() {
        return UnsafeText.class;
    }
}
