package io.runbook.engine.vars;

/**
 * Text that is never templated (Ansible's unsafe): a command's output, a file's contents, a {@code !unsafe}
 * value. It prints and compares as its text, but {@code {{ }}} inside it stays as it is.
 */
public class UnsafeText implements CharSequence, Comparable<CharSequence> {
    private final String text;

    public UnsafeText(String text) {
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

    @Override
    public boolean equals(Object other) {
        return other instanceof UnsafeText u && u.text.equals(text);
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
