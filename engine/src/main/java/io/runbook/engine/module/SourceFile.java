package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import io.runbook.engine.yaml.SourceText;
import java.nio.file.Path;
import java.util.List;

/**
 * A file a module reads (a manifest, a values file, a template, a key file), as text: decoded strictly, and
 * decrypted with the run's vault secrets when it is an ansible-vault file, so encrypted backups just work with
 * {@code --vault-password-file}. Read it with {@link ModuleContext#readFile}, which also masks a decrypted
 * file's text in all output; mistakes (missing file, bad bytes, no or wrong vault password) are
 * {@link io.runbook.engine.error.UserError}s that name the file.
 *
 * @param vaulted whether the file was encrypted: its contents are secret
 */
public record SourceFile(Path path, String text, boolean vaulted) {

    /** Reads {@code file}, decrypting it when it is a vault envelope; registers nothing (see {@link ModuleContext#readFile}). */
    public static SourceFile read(Path file) {
        String text = SourceText.readText(file);
        if (VaultCipher.isVaulted(text)) {
            return new SourceFile(file, Vault.active().decryptFile(text, new SourcePosition(file, 1, 1)), true);
        }
        return new SourceFile(file, text, false);
    }

    /**
     * What to mask when the file was encrypted: the whole text and its trimmed form (empty for a plain file).
     * A module that parses the text masks the values it finds (see {@link #secretStrings}); one that shows the
     * text by lines masks its lines ({@link #secretLines}).
     */
    public List<String> secretForms() {
        return vaulted ? List.of(text, text.strip()) : List.of();
    }

    /** Masks, through {@code secret}, every line of {@code text} of eight characters or more (for text shown in diffs). */
    public static void secretLines(String text, java.util.function.Consumer<String> secret) {
        text.lines().map(String::strip).filter(l -> l.length() >= 8).forEach(secret);
    }

    /** Masks, through {@code secret}, every string in {@code value} (a parsed document) of three characters or more. */
    public static void secretStrings(Object value, java.util.function.Consumer<String> secret) {
        if (value instanceof String s) {
            secret.accept(s);
        } else if (value instanceof java.util.Map<?, ?> m) {
            m.values().forEach(v -> secretStrings(v, secret));
        } else if (value instanceof java.util.Collection<?> c) {
            c.forEach(v -> secretStrings(v, secret));
        }
    }
}
