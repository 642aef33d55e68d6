package io.runbook.engine.vars;

/**
 * Text that is secret (a vault value, or derived from one): every filter, method and operator that makes text
 * out of it makes secret text again, and the engine never prints it. {@link #toString()} gives the plain text,
 * for modules that must use it; output goes through the run's redactor, which learns every secret value that
 * leaves templating.
 */
public final class SecretText implements CharSequence, Comparable<CharSequence> {
    private final String text;

    public SecretText(String text) {
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
        return new SecretText(text.substring(start, end));
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretText s && s.text.equals(text);
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
