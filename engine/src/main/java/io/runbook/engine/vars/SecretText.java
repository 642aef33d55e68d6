package io.runbook.engine.vars;

import java.util.List;

/**
 * Text that is secret (a vault value, or derived from one): every filter, method and operator that makes text
 * out of it makes secret text again, and the engine never prints it. {@link #toString()} gives the plain text,
 * for modules that must use it; output goes through the run's redactor, which learns the secret {@link #pieces()}
 * of every value that leaves templating.
 */
public final class SecretText implements CharSequence, Comparable<CharSequence> {
    private final String text;
    private final List<String> pieces;
    private final boolean vaulted;

    /** Text that is secret as a whole. */
    public SecretText(String text) {
        this(text, List.of(text), false);
    }

    private SecretText(String text, List<String> pieces, boolean vaulted) {
        this.text = text;
        this.pieces = List.copyOf(pieces);
        this.vaulted = vaulted;
    }

    /** A value written with {@code !vault} (Ansible's {@code is vault_encrypted} holds for it). */
    public static SecretText vaulted(String text) {
        return new SecretText(text, List.of(text), true);
    }

    boolean vaulted() {
        return vaulted;
    }

    /**
     * Text of which only some pieces are secret: {@code "user={{ name }} pass={{ vault_pass }}"} shows everything
     * but the password.
     */
    SecretText(String text, List<String> pieces) {
        this(text, pieces, false);
    }

    /** The parts of this text that are secret (the whole text, unless it was joined from secret and plain parts). */
    public List<String> pieces() {
        return pieces;
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
