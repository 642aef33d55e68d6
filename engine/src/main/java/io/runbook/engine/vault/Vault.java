package io.runbook.engine.vault;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The vault secrets of a run and what they opened. Files that start with the vault header are decrypted when they
 * are read, so a missing or wrong password is found before anything runs, at the file. Scalars tagged {@code !vault}
 * are checked to be well-formed envelopes when read and decrypted when first used ({@link VaultedValue}), as Ansible
 * does: a value nobody uses needs no password. Every decrypted text is handed to the run's redactors: it never
 * appears in output.
 *
 * <p>The active vault is process-wide (like ansible's loader secrets): the command that runs a playbook
 * {@linkplain #activate activates} its vault for the run, and every YAML read during the run uses it.
 */
public final class Vault {
    /** One secret: its label ({@code default} when none was given), password bytes, and where it came from. */
    public record Secret(String label, byte[] password, String source) {
        @Override
        public String toString() {
            return label + "@" + source;  // never the password
        }
    }

    public static final Vault NONE = new Vault(List.of());
    private static volatile Vault active = NONE;

    private final List<Secret> secrets;
    private final Set<String> opened = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> redactors = new CopyOnWriteArrayList<>();

    public Vault(List<Secret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public static Vault active() {
        return active;
    }

    /** Makes {@code vault} the one every YAML read uses, until another is activated (NONE at the end of a run). */
    public static void activate(Vault vault) {
        active = vault == null ? NONE : vault;
    }

    public List<Secret> secrets() {
        return secrets;
    }

    /** Registers {@code redactor} for every text this vault has opened and will open. */
    public void redactInto(Consumer<String> redactor) {
        if (secrets.isEmpty()) {
            return;  // opens nothing (and NONE is shared by every run)
        }
        redactors.add(redactor);
        opened.forEach(redactor);
    }

    /**
     * A {@code !vault} value found at {@code where}, to be decrypted when first used; a malformed envelope is bad input
     * and refused now, with its place.
     */
    public VaultedValue seal(String envelopeText, SourcePosition where) {
        VaultCipher.Envelope envelope;
        try {
            envelope = VaultCipher.parse(envelopeText);
            VaultCipher.checkPayload(envelope);
        } catch (IllegalArgumentException e) {
            throw new UserError(where, e.getMessage());
        }
        return new VaultedValue(this, envelopeText, envelope.vaultId(), where);
    }

    /**
     * The plaintext of a {@code !vault} value found at {@code where}, masked in all output from now on; when no secret
     * opens it, a {@link UserError} at {@code where} in Ansible's words ({@code Attempting to decrypt but no vault
     * secrets found}, {@code Decryption failed (no vault secrets were found that could decrypt)}) naming the vault id.
     */
    String decrypt(String envelopeText, SourcePosition where) {
        VaultCipher.Envelope envelope = VaultCipher.parse(envelopeText);
        String id = envelope.vaultId() == null ? "" : "vault id '" + envelope.vaultId() + "'";
        if (secrets.isEmpty()) {
            throw new UserError(where, "Attempting to decrypt but no vault secrets found",
                    (id.isEmpty() ? "" : id + ": ") + "give its password with --vault-id "
                            + (envelope.vaultId() == null ? "" : envelope.vaultId() + "@") + "FILE|prompt, "
                            + "--vault-password-file FILE, --ask-vault-pass or ANSIBLE_VAULT_PASSWORD_FILE");
        }
        String text = tryEach(envelope, where).orElseThrow(() -> new UserError(where,
                "Decryption failed (no vault secrets were found that could decrypt)",
                (id.isEmpty() ? "" : id + "; ") + "tried " + describeSecrets()
                        + ": give its password with --vault-id "
                        + (envelope.vaultId() == null ? "" : envelope.vaultId() + "@") + "FILE|prompt"));
        remember(text);
        return text;
    }

    /**
     * The plaintext of a whole encrypted file (its header at {@code where}); the caller marks the file's values
     * as secret with {@link #markSecret}, since the text as a whole never appears in output.
     */
    public String decryptFile(String envelopeText, SourcePosition where) {
        return open(envelopeText, where);
    }

    /**
     * Whether a password was given for the values of {@code vaultId}: a secret with that label, or, for a value
     * without one ({@code null} or {@code default}), any secret.
     */
    public boolean hasSecretFor(String vaultId) {
        if (vaultId == null || vaultId.equals("default")) {
            return !secrets.isEmpty();
        }
        return secrets.stream().anyMatch(s -> s.label().equals(vaultId));
    }

    /** Whether one of the secrets opens {@code envelopeText}; the plaintext is not kept (the check before a run). */
    boolean opens(String envelopeText, SourcePosition where) {
        return !secrets.isEmpty() && tryEach(VaultCipher.parse(envelopeText), where).isPresent();
    }

    /** The secrets given, as {@code label@source} (never a password). */
    public String describeSecrets() {
        return String.join(", ", secrets.stream().map(Secret::toString).toList());
    }

    /** Whether any vault password was given (without one, nothing encrypted can be opened). */
    public boolean hasSecrets() {
        return !secrets.isEmpty();
    }

    /** Masks {@code value} in all output from now on (a value read from an encrypted file). */
    public void markSecret(String value) {
        if (value != null) {
            remember(value);
        }
    }

    private String open(String envelopeText, SourcePosition where) {
        VaultCipher.Envelope envelope;
        try {
            envelope = VaultCipher.parse(envelopeText);
        } catch (IllegalArgumentException e) {
            throw new UserError(where, e.getMessage());
        }
        if (secrets.isEmpty()) {
            throw new UserError(where, "this is encrypted with ansible-vault"
                    + (envelope.vaultId() == null ? "" : " (vault id '" + envelope.vaultId() + "')")
                    + " and no vault password was given",
                    "give it with --vault-password-file FILE, --vault-id [label@]FILE|prompt, --ask-vault-pass, "
                            + "or the ANSIBLE_VAULT_PASSWORD_FILE environment variable");
        }
        Optional<String> text = tryEach(envelope, where);
        if (text.isPresent()) {
            return text.get();
        }
        List<String> tried = secrets.stream().map(Secret::toString).toList();
        throw new UserError(where, "Decryption failed: none of the vault secrets given (" + String.join(", ", tried)
                + ") opens this" + (envelope.vaultId() == null ? "" : " (it names vault id '" + envelope.vaultId() + "')"),
                "check the password file, or add the right one with another --vault-id");
    }

    /** A whole envelope opened: its plaintext bytes (any content, binary too) and the secret that opened it. */
    public record Opened(byte[] plaintext, Secret secret) {
    }

    /**
     * The plaintext bytes of {@code envelopeText} and the secret that opened it (the one labelled like the envelope's vault
     * id first, then the others, as ansible-vault tries them), or empty when none does; nothing is remembered for masking
     * (the vault command prints or writes it only where asked). {@link IllegalArgumentException} when it is not a
     * well-formed envelope.
     */
    public Optional<Opened> openBytes(String envelopeText) {
        VaultCipher.Envelope envelope = VaultCipher.parse(envelopeText);
        for (Secret secret : ordered(envelope.vaultId())) {
            Optional<byte[]> plain = VaultCipher.decrypt(envelope, secret.password());
            if (plain.isPresent()) {
                return Optional.of(new Opened(plain.get(), secret));
            }
        }
        return Optional.empty();
    }

    /** The plaintext from the first secret that opens envelope, or empty. */
    private Optional<String> tryEach(VaultCipher.Envelope envelope, SourcePosition where) {
        for (Secret secret : ordered(envelope.vaultId())) {
            Optional<byte[]> plain;
            try {
                plain = VaultCipher.decrypt(envelope, secret.password());
            } catch (IllegalArgumentException e) {
                throw new UserError(where, e.getMessage());
            }
            if (plain.isPresent()) {
                return Optional.of(new String(plain.get(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The secret labelled like the envelope's vault id first, then the others in the order given. */
    private List<Secret> ordered(String vaultId) {
        List<Secret> out = new ArrayList<>();
        for (Secret s : secrets) {
            if (s.label().equals(vaultId)) {
                out.add(s);
            }
        }
        for (Secret s : secrets) {
            if (!s.label().equals(vaultId)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The whole text, its trimmed form, and each longer line of a multi-line secret are masked wherever they appear. */
    private void remember(String text) {
        List<String> forms = new ArrayList<>();
        forms.add(text);
        forms.add(text.strip());
        if (text.contains("\n")) {
            text.lines().map(String::strip).filter(l -> l.length() >= 8).forEach(forms::add);
        }
        for (String form : forms) {
            if (!form.isEmpty() && opened.add(form)) {
                redactors.forEach(r -> r.accept(form));
            }
        }
    }
}
