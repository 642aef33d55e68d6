package io.runbook.engine.vars;

/**
 * Text a template made on purpose (Ansible's {@code NativeJinjaText}): what a string filter ({@code string},
 * {@code to_json}, {@code to_yaml}, …) gave as the whole value, or a {@code template} lookup that is not read as data.
 * It is never read back as data, and {@code type_debug} names it as Ansible does; when the template read unsafe data
 * (a lookup, a registered result) it is {@link NativeUnsafeText}.
 */
public final class NativeText implements CharSequence, Comparable<CharSequence> {
    private final String text;

    private NativeText(String text) {
        this.text = text;
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
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NativeText n && n.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public int compareTo(CharSequence other) {
        return text.compareTo(other.toString());
    }
}
