package io.runbook.engine.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VaultCipherTest {
    private static final byte[] PASSWORD = "test-vault-password".getBytes(StandardCharsets.UTF_8);
    private static final SourcePosition WHERE = new SourcePosition(java.nio.file.Path.of("vars.yml"), 3, 7);

    @Test
    void whatIsEncryptedDecryptsWithTheSamePasswordOnly() {
        for (String text : List.of("", "foobar\n", "exactly16bytes!!", "päss wörd ✓ with unicode")) {
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            VaultCipher.Envelope envelope = VaultCipher.parse(VaultCipher.encrypt(plain, PASSWORD, null));
            assertEquals("1.1", envelope.version());
            assertArrayEquals(plain, VaultCipher.decrypt(envelope, PASSWORD).orElseThrow(), text);
            assertEquals(Optional.empty(), VaultCipher.decrypt(envelope, "other".getBytes(StandardCharsets.UTF_8)).map(String::new));
        }
    }

    @Test
    void aVaultIdOtherThanDefaultIsWrittenInA12Header() {
        String labelled = VaultCipher.encrypt(new byte[] {1}, PASSWORD, "prod");
        assertTrue(labelled.startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"), labelled);
        assertEquals("prod", VaultCipher.parse(labelled).vaultId());
        assertTrue(VaultCipher.encrypt(new byte[] {1}, PASSWORD, "default").startsWith("$ANSIBLE_VAULT;1.1;AES256\n"));
        labelled.lines().skip(1).forEach(line -> assertTrue(line.length() <= 80, line));
    }

    @Test
    void aChangedCiphertextFailsItsHmacInsteadOfDecryptingToGarbage() {
        VaultCipher.Envelope envelope = VaultCipher.parse(VaultCipher.encrypt("secret".getBytes(StandardCharsets.UTF_8), PASSWORD, null));
        // the payload is hex of "salt\nhmac\nciphertext" (each hex): flip one hex digit of the ciphertext
        String inner = new String(java.util.HexFormat.of().parseHex(envelope.payload()), StandardCharsets.US_ASCII);
        char last = inner.charAt(inner.length() - 1);
        String tampered = inner.substring(0, inner.length() - 1) + (last == '0' ? '1' : '0');
        VaultCipher.Envelope changed = new VaultCipher.Envelope("1.1", null,
                java.util.HexFormat.of().formatHex(tampered.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), VaultCipher.decrypt(changed, PASSWORD).map(String::new));
        assertTrue(VaultCipher.decrypt(envelope, PASSWORD).isPresent());
    }

    @Test
    void notAnEnvelopeIsSaidSo() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaultCipher.parse("$ANSIBLE_VAULT;1.0;AES\nabc"))
                .getMessage().contains("vault format version 1.0 is not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaultCipher.parse("$ANSIBLE_VAULT;1.1;AES256\n"))
                .getMessage().contains("no encrypted data"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> VaultCipher.decrypt(VaultCipher.parse("$ANSIBLE_VAULT;1.1;AES256\nzz"), PASSWORD)).getMessage().contains("not hexadecimal"));
    }

    @Test
    void theKeyringTriesTheLabelledSecretFirstAndMasksWhatItOpens() {
        String envelope = VaultCipher.encrypt("tsig-key-material".getBytes(StandardCharsets.UTF_8), PASSWORD, "dns");
        Vault vault = new Vault(List.of(new Vault.Secret("default", "wrong".getBytes(StandardCharsets.UTF_8), "a.txt"),
                new Vault.Secret("dns", PASSWORD, "b.txt")));
        List<String> masked = new ArrayList<>();
        vault.redactInto(masked::add);
        VaultedValue sealed = vault.seal(envelope, WHERE);
        assertTrue(masked.isEmpty(), "nothing is decrypted before the value is used: " + masked);
        assertEquals("tsig-key-material", sealed.open());
        assertTrue(masked.contains("tsig-key-material"), masked.toString());

        UserError none = assertThrows(UserError.class, () -> Vault.NONE.seal(envelope, WHERE).open());
        assertEquals("vars.yml:3:7: Attempting to decrypt but no vault secrets found (vault id 'dns': give its password with"
                + " --vault-id dns@FILE|prompt, --vault-password-file FILE, --ask-vault-pass or ANSIBLE_VAULT_PASSWORD_FILE)",
                none.format());
        UserError wrong = assertThrows(UserError.class, () -> new Vault(List.of(
                new Vault.Secret("default", "wrong".getBytes(StandardCharsets.UTF_8), "a.txt"))).seal(envelope, WHERE).open());
        assertEquals("vars.yml:3:7: Decryption failed (no vault secrets were found that could decrypt) (vault id 'dns';"
                + " tried default@a.txt: give its password with --vault-id dns@FILE|prompt)", wrong.format());
        UserError wholeFile = assertThrows(UserError.class, () -> new Vault(List.of(
                new Vault.Secret("default", "wrong".getBytes(StandardCharsets.UTF_8), "a.txt"))).decryptFile(envelope, WHERE));
        assertEquals("Decryption failed: none of the vault secrets given (default@a.txt) opens this (it names vault id 'dns')",
                wholeFile.getMessage());
    }

    @Test
    void aMalformedVaultValueIsRefusedWhenReadEvenWithoutAPassword() {
        UserError notHex = assertThrows(UserError.class, () -> Vault.NONE.seal("$ANSIBLE_VAULT;1.1;AES256\nzz", WHERE));
        assertEquals("vars.yml:3:7: the vault data is not hexadecimal", notHex.format());
        String oneLine = java.util.HexFormat.of().formatHex("abcd".getBytes(StandardCharsets.US_ASCII));
        UserError damaged = assertThrows(UserError.class, () -> Vault.NONE.seal("$ANSIBLE_VAULT;1.1;AES256\n" + oneLine, WHERE));
        assertEquals("vars.yml:3:7: the vault data is damaged (expected salt, HMAC and ciphertext)", damaged.format());
    }

    @Test
    void theEnvironmentsIdentityListAndPasswordFileAreAddedToTheSecretsGiven(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path a = java.nio.file.Files.writeString(dir.resolve("a.txt"), "a-pass\n");
        java.nio.file.Path b = java.nio.file.Files.writeString(dir.resolve("b.txt"), "b-pass\n");
        java.nio.file.Path c = java.nio.file.Files.writeString(dir.resolve("c.txt"), "c-pass\n");
        Vault vault = VaultSecrets.load(List.of("cli@" + b), List.of(c), false, io.runbook.engine.env.RunEnvironment.of(java.util.Map.of(
                "ANSIBLE_VAULT_IDENTITY_LIST", "env@" + a + ", other@" + c, "ANSIBLE_VAULT_PASSWORD_FILE", a.toString())));
        assertEquals(List.of("env@" + a, "other@" + c, "cli@" + b, "default@" + c, "default@" + a),
                vault.secrets().stream().map(Vault.Secret::toString).toList(), "as ansible-playbook orders them");
    }
}
