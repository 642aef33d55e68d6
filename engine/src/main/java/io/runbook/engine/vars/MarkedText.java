package io.runbook.engine.vars;

/**
 * Text with a mark of Ansible's that a plain string has not ({@link UnsafeText}, {@link NativeText}): it reads, prints
 * and orders as its text; equal only to text of the same mark.
 */
public abstract class MarkedText implements CharSequence, Comparable<CharSequence> {
    private final String text;

    protected MarkedText(String text) {
        this.text = text;
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

    /** The mark: text is equal only to text of the same mark ({@link NativeUnsafeText} is unsafe text). */
    protected abstract Class<?> mark();

    @Override
    public boolean equals(Object other) {
        return other instanceof MarkedText m && m.mark() == mark() && m.text.equals(text);
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
