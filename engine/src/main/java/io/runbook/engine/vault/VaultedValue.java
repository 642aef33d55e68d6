package io.runbook.engine.vault;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/**
 * A {@code !vault} value as it was read: its envelope (already checked to be well formed), its place and the vault
 * that will open it. It is decrypted the first time it is used, as Ansible decrypts a vaulted value only when a
 * template reads it: a value no secret opens (another environment's vault id, or no password at all) is harmless
 * until then, and fails the use with Ansible's message, at the value's place. Thread-safe.
 */
public final class VaultedValue {
    private final Vault vault;
    private final String envelope;
    private final String vaultId;
    private final SourcePosition where;
    private String plain;
    private UserError locked;

    VaultedValue(Vault vault, String envelope, String vaultId, SourcePosition where) {
        this.vault = vault;
        this.envelope = envelope;
        this.vaultId = vaultId;
        this.where = where;
    }

    /** The plaintext (masked in all output from now on); a {@link UserError} at the value's place when no secret opens it. */
    public synchronized String open() {
        if (plain != null) {
            return plain;
        }
        if (locked == null) {
            try {
                plain = vault.decrypt(envelope, where);
                return plain;
            } catch (UserError e) {
                locked = e;
            }
        }
        throw new UserError(locked.position(), locked.getMessage(), locked.hint());
    }

    /** Whether a password was given for this value's vault id ({@link Vault#hasSecretFor}). */
    public boolean passwordGiven() {
        return vault.hasSecretFor(vaultId);
    }

    /**
     * Whether one of the secrets given opens this value, without opening it for use: the plaintext is not kept, so
     * the value stays as sealed as before (in the run journal too). A value already opened or refused answers at once.
     */
    public synchronized boolean opens() {
        if (plain != null) {
            return true;
        }
        return locked == null && vault.opens(envelope, where);
    }

    /** The secrets that were tried, as {@code label@source}. */
    public String secretsTried() {
        return vault.describeSecrets();
    }

    /** The envelope as written (ciphertext: not secret). */
    public String envelope() {
        return envelope;
    }

    /** The vault id its header names, or null (format 1.1). */
    public String vaultId() {
        return vaultId;
    }

    /** Where the value is written. */
    public SourcePosition position() {
        return where;
    }

    @Override
    public String toString() {
        return "!vault value at " + where;  // never the plaintext
    }
}
