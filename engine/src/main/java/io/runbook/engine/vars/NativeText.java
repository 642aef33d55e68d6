package io.runbook.engine.vars;

/**
 * Text a template made on purpose (Ansible's {@code NativeJinjaText}): what a string filter ({@code string},
 * {@code to_json}, {@code to_yaml}, …) gave as the whole value, or a {@code template} lookup that is not read as data.
 * It is never read back as data, and {@code type_debug} names it as Ansible does; when the template read unsafe data
 * (a lookup, a registered result) it is {@link NativeUnsafeText}.
 */
public final class NativeText extends MarkedText {
    private NativeText(String text) {
        super(text);
    }

    /** The text as NativeJinjaText, or NativeJinjaUnsafeText when unsafe. */
    static CharSequence of(CharSequence text, boolean unsafe) {
        return unsafe ? new NativeUnsafeText(text.toString()) : new NativeText(text.toString());
    }

    /**
     * What a string filter or a template lookup gave as a template's whole value, kept as NativeJinjaText (never read
     * as data); unsafe when the template read unsafe data or a lookup, as Ansible's Templar wraps it. Secret text stays
     * secret, other values stay as they are.
     */
    static Object kept(Object result, Frame frame) {
        if (!(result instanceof CharSequence text) || result instanceof SecretText || result instanceof NativeUnsafeText) {
            return result;
        }
        return of(text, result instanceof UnsafeText || frame.isMarkedUnsafe());
    }

    /** Whether value is such text, safe or not. */
    static boolean is(Object value) {
        return value instanceof NativeText || value instanceof NativeUnsafeText;
    }

    @Override
    protected Class<?> mark() {
        return NativeText.class;
    }
}
