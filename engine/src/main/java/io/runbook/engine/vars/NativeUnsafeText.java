package io.runbook.engine.vars;

/** {@link NativeText} that is unsafe too (Ansible's {@code NativeJinjaUnsafeText}): a lookup's text, never templated. */
public final class NativeUnsafeText extends UnsafeText {
    NativeUnsafeText(String text) {
        super(text);
    }
}
