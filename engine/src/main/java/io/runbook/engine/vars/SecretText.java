package io.runbook.engine.vars;

import io.runbook.engine.vault.VaultedValue;
import java.util.List;

/**
 * Text that is secret (a vault value, or derived from one): every filter, method and operator that makes text
 * out of it makes secret text again, and the engine never prints it. {@link #toString()} gives the plain text,
 * for modules that must use it; output goes through the run's redactor, which learns the secret {@link #pieces()}
 * of every value that leaves templating.
 */
public final class SecretText implements CharSequence, Comparable<CharSequence> {
    /** The text; for a {@code !vault} value null until it is first used ({@link #text()}). */
    private volatile String text;
    private final List<String> pieces;
    private final boolean vaulted;
    /** The {@code !vault} value this is, opened when first used; null for any other secret text. */
    private final VaultedValue sealed;
    /** The ciphertext of a value the {@code vault} filter made with {@code wrap_object=True}, else null. */
    private final String envelope;

    /** Text that is secret as a whole. */
    public SecretText(String text) {
        this(text, List.of(text), false);
    }

    private SecretText(String text, List<String> pieces, boolean vaulted) {
        this.text = text;
        this.pieces = List.copyOf(pieces);
        this.vaulted = vaulted;
        this.sealed = null;
        this.envelope = null;
    }

    private SecretText(VaultedValue sealed) {
        this.pieces = null;
        this.vaulted = true;
        this.sealed = sealed;
        this.envelope = null;
    }

    private SecretText(String envelope, boolean wrapped) {
        this.text = envelope;
        this.pieces = List.of(envelope);
        this.vaulted = wrapped;
        this.sealed = null;
        this.envelope = envelope;
    }

    /**
     * What the {@code vault} filter gives with {@code wrap_object=True} (Ansible's AnsibleVaultEncryptedUnicode without a
     * vault): its text is the ciphertext, which {@code unvault} opens with a password.
     */
    static SecretText wrappedEnvelope(String envelope) {
        return new SecretText(envelope, true);
    }

    /** The ciphertext of a vaulted value ({@code !vault}, or the vault filter's wrapped object), else null. */
    public String vaultEnvelope() {
        return sealed != null ? sealed.envelope() : envelope;
    }

    /** A value written with {@code !vault} (Ansible's {@code is vault_encrypted} holds for it). */
    public static SecretText vaulted(String text) {
        return new SecretText(text, List.of(text), true);
    }

    /**
     * A {@code !vault} value decrypted when it is first used (its text, length, characters, comparisons): a use
     * that no vault secret can open fails with a {@link io.runbook.engine.error.UserError} at the value's place.
     * Asking whether it is secret, vaulted or defined does not open it.
     */
    public static SecretText vaulted(VaultedValue sealed) {
        return new SecretText(sealed);
    }

    /** The {@code !vault} value this is while it has not been opened (to keep it sealed), else null. */
    public VaultedValue unopened() {
        return sealed != null && text == null ? sealed : null;
    }

    /** The text, decrypting a {@code !vault} value on first use. */
    private String text() {
        String t = text;
        if (t == null) {
            t = sealed.open();
            text = t;
        }
        return t;
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
        return pieces != null ? pieces : List.of(text());
    }

    @Override
    public int length() {
        return text().length();
    }

    @Override
    public char charAt(int index) {
        return text().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new SecretText(text().substring(start, end));
    }

    @Override
    public String toString() {
        return text();
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof SecretText s && s.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public int compareTo(CharSequence other) {
        return text().compareTo(other.toString());
    }
}
