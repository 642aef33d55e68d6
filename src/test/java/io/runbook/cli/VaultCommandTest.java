package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.jar vault} against Debian's {@code ansible-vault} 2.14 (bin/test installs it; a machine without it fails
 * these tests): files each one makes the other opens, both ways, for every subcommand; the same invocation gives the same
 * message, stdout and stderr (the engine says {@code ERROR:} where ansible-vault says {@code ERROR!}, and exits 3 where it
 * exits 1); plaintexts show only where asked for (view, {@code decrypt --output -}). Both run as processes, on real files
 * in a temporary folder, {@code $EDITOR} a script the test writes.
 */
class VaultCommandTest extends VaultProcessTest {
    @Test
    void viewAndDecryptOpenWhatAnsibleVaultEncrypted() throws Exception {
        Path file = write("secrets.yml", PLAIN);
        Path other = write("other.yml", "token: two");
        ok(ansible(Map.of(), null, "encrypt", "--vault-id", "prod@" + pass1, file.toString(), other.toString()));
        byte[] encrypted = Files.readAllBytes(file);

        Result view = engine(Map.of(), null, "view", "--vault-id", "prod@" + pass1, file.toString(), other.toString());
        assertEquals(0, view.code(), view.err());
        // to a non-terminal: the texts, each ending with a line break (as ansible-vault's display adds it)
        assertEquals(PLAIN + "token: two\n", view.out());
        assertEquals(ansible(Map.of(), null, "view", "--vault-id", "prod@" + pass1, file.toString(), other.toString()).out(), view.out());
        assertEquals("", view.err());

        Result toStdout = engine(Map.of(), null, "decrypt", "--vault-password-file", pass1.toString(), "--output", "-", file.toString());
        assertEquals(0, toStdout.code(), toStdout.err());
        assertEquals(PLAIN, toStdout.out());
        assertEquals("", toStdout.err(), "'Decryption successful' only on a terminal, as ansible-vault");
        assertArrayEquals(encrypted, Files.readAllBytes(file), "--output leaves the file as it is");

        Result fromStdin = engine(Map.of(), Files.readString(file), "decrypt", "--vault-password-file", pass1.toString());
        assertEquals(PLAIN, fromStdin.out(), fromStdin.err());

        Path out = dir.resolve("plain.yml");
        hidden(engine(Map.of(), null, "decrypt", "--vault-password-file", pass1.toString(), "--output", out.toString(), file.toString()));
        assertEquals(PLAIN, Files.readString(out));
        assertEquals("rw-------", mode(out));

        hidden(engine(Map.of(), null, "decrypt", "-v", "--vault-password-file", pass1.toString(), file.toString()));
        assertEquals(PLAIN, Files.readString(file));
        assertEquals("rw-------", mode(file), "a decrypted file is owner-only, as ansible-vault writes it");
    }

    /**
     * ansible.cfg's vault_identity_list and vault_encrypt_identity stand for ANSIBLE_VAULT_IDENTITY_LIST and
     * ANSIBLE_VAULT_ENCRYPT_IDENTITY, as in ansible-vault: the same vault id encrypts, and without one the same refusal.
     */
    @Test
    void theVaultIdsOfAnsibleCfgAreAnsibleVaults() throws Exception {
        Path cfg = write("ansible.cfg", "[defaults]\nvault_identity_list = a@" + pass1 + ", b@" + pass2
                + "\nvault_encrypt_identity = b\n");
        Map<String, String> env = Map.of("ANSIBLE_CONFIG", cfg.toString());
        Result engine = engine(env, null, "encrypt_string", "x");
        assertEquals(0, engine.code(), engine.err());
        String header = "$ANSIBLE_VAULT;1.2;AES256;b\n";
        assertTrue(engine.out().contains(header), engine.out());
        assertTrue(ok(ansible(env, null, "encrypt_string", "x")).out().contains(header));
        Files.writeString(cfg, "[defaults]\nvault_identity_list = a@" + pass1 + ", b@" + pass2 + "\n");
        assertEquals(ansible(env, null, "encrypt_string", "x").err().lines().findFirst().orElseThrow().replace("ERROR!", "ERROR:"),
                engine(env, null, "encrypt_string", "x").err().strip());
    }

    @Test
    void encryptWritesWhatAnsibleVaultOpensWithTheVaultIdChosen() throws Exception {
        Path file = write("secrets.yml", PLAIN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Result several = engine(Map.of(), null, "encrypt", "--vault-id", "a@" + pass1, "--vault-id", "b@" + pass2, file.toString());
        sameError(ansible(Map.of(), null, "encrypt", "--vault-id", "a@" + pass1, "--vault-id", "b@" + pass2, file.toString()), several);
        assertTrue(several.err().contains("ERROR: The vault-ids a,b are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id"),
                several.err());
        assertEquals(PLAIN, Files.readString(file), "nothing written");

        hidden(engine(Map.of(), null, "encrypt", "--vault-id", "a@" + pass1, "--vault-id", "b@" + pass2, "--encrypt-vault-id", "b", file.toString()));
        assertTrue(Files.readString(file).startsWith("$ANSIBLE_VAULT;1.2;AES256;b\n"), Files.readString(file));
        assertEquals("rw-------", mode(file), "as ansible-vault, the encrypted file is owner-only");
        assertEquals(PLAIN, ok(ansible(Map.of(), null, "view", "--vault-id", "b@" + pass2, file.toString())).out());

        Path copy = write("copy.yml", PLAIN);
        Path encrypted = dir.resolve("copy.vault");
        hidden(engine(Map.of(), null, "encrypt", "--vault-password-file", pass1.toString(), "--output", encrypted.toString(), copy.toString()));
        assertEquals(PLAIN, Files.readString(copy), "--output leaves the input as it is");
        assertTrue(Files.readString(encrypted).startsWith("$ANSIBLE_VAULT;1.1;AES256\n"));
        assertEquals(PLAIN, ok(ansible(Map.of(), null, "decrypt", "--vault-password-file", pass1.toString(), "--output", "-",
                encrypted.toString())).out());

        // standard input to standard output, and ANSIBLE_VAULT_ENCRYPT_IDENTITY for --encrypt-vault-id
        Result piped = engine(Map.of("ANSIBLE_VAULT_ENCRYPT_IDENTITY", "a"), PLAIN, "encrypt", "--vault-id", "a@" + pass1,
                "--vault-id", "b@" + pass2, "--output", "-");
        assertEquals(0, piped.code(), piped.err());
        assertTrue(piped.out().startsWith("$ANSIBLE_VAULT;1.2;AES256;a\n"), piped.out());
        assertEquals(PLAIN, ok(ansible(Map.of(), piped.out(), "decrypt", "--vault-id", "a@" + pass1)).out());
        assertFalse(piped.out().contains(SECRET) || piped.err().contains(SECRET));
    }

    @Test
    void rekeyOpensWithTheOldSecretAndEncryptsWithTheNewOne() throws Exception {
        Path file = write("secrets.yml", PLAIN);
        ok(ansible(Map.of(), null, "encrypt", "--vault-id", "old@" + pass1, file.toString()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        Result rekeyed = engine(Map.of(), null, "rekey", "--vault-id", "old@" + pass1, "--new-vault-password-file", pass2.toString(), file.toString());
        assertEquals(0, rekeyed.code(), rekeyed.err());
        assertEquals("Rekey successful\n", rekeyed.err());
        assertEquals("", rekeyed.out());
        assertTrue(Files.readString(file).startsWith("$ANSIBLE_VAULT;1.1;AES256\n"));
        assertEquals("rw-r-----", mode(file), "rekey keeps the mode");
        assertEquals(PLAIN, ok(ansible(Map.of(), null, "view", "--vault-password-file", pass2.toString(), file.toString())).out());

        hidden(engine(Map.of(), null, "rekey", "--vault-password-file", pass2.toString(), "--new-vault-id", "dr@" + pass1, file.toString()));
        assertTrue(Files.readString(file).startsWith("$ANSIBLE_VAULT;1.2;AES256;dr\n"));
        assertEquals(PLAIN, ok(ansible(Map.of(), null, "view", "--vault-id", "dr@" + pass1, file.toString())).out());

        // and back: ansible-vault re-keys what the engine re-keyed
        ok(ansible(Map.of(), null, "rekey", "--vault-id", "dr@" + pass1, "--new-vault-password-file", pass2.toString(), file.toString()));
        assertEquals(PLAIN, engine(Map.of(), null, "view", "--vault-password-file", pass2.toString(), file.toString()).out());

        Result both = engine(Map.of(), null, "rekey", "--vault-password-file", pass2.toString(), "--new-vault-id", pass1.toString(),
                "--new-vault-password-file", pass1.toString(), file.toString());
        assertEquals(5, both.code(), "as ansible-vault's mutually exclusive options: " + both.err());
        Result missing = engine(Map.of(), null, "rekey", "--vault-password-file", pass2.toString(), "--new-vault-password-file",
                dir.resolve("nope.txt").toString(), file.toString());
        assertEquals(5, missing.code(), missing.err());
        assertTrue(missing.err().contains("ERROR: --new-vault-password-file: vault password file "), missing.err());
    }

    @Test
    void encryptStringPrintsABlockPerValueWithItsNameAsAnsibleVault() throws Exception {
        String[] args = {"encrypt_string", "--vault-password-file", pass1.toString(), "-n", "one", "-n", "two", "first-s3cret",
            "second-s3cret", "third-s3cret"};
        Result engine = engine(Map.of(), null, args);
        Result ansible = ok(ansible(Map.of(), null, args));
        assertEquals(0, engine.code(), engine.err());
        assertEquals(ansible.err(), engine.err(), "the same notes on stderr");
        assertEquals(masked(ansible.out()), masked(engine.out()), "the same blocks, joined by a line break, none at the end");
        assertTrue(engine.out().startsWith("one: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n"), engine.out());
        assertEquals(List.of("first-s3cret", "second-s3cret", "third-s3cret"), opened(engine.out(), pass1));
        for (String value : List.of("first-s3cret", "second-s3cret", "third-s3cret")) {
            assertFalse(engine.out().contains(value) || engine.err().contains(value), value);
        }

        // standard input is encrypted as it is (its line break too), named by --stdin-name, not by --name
        String[] piped = {"encrypt_string", "--vault-id", "dns@" + pass2, "--stdin-name", "tsig", "-n", "admin", "admin-s3cret"};
        Result fromStdin = engine(Map.of(), "tsig-s3cret\n", piped);
        Result ansibleStdin = ok(ansible(Map.of(), "tsig-s3cret\n", piped));
        assertEquals(ansibleStdin.err(), fromStdin.err());
        assertEquals(masked(ansibleStdin.out()), masked(fromStdin.out()));
        assertTrue(fromStdin.out().startsWith("tsig: !vault |\n          $ANSIBLE_VAULT;1.2;AES256;dns\n"), fromStdin.out());
        assertEquals(List.of("tsig-s3cret\n", "admin-s3cret"), opened(fromStdin.out(), pass2));
        assertEquals(opened(ansibleStdin.out(), pass2), opened(fromStdin.out(), pass2));
        Result unnamed = engine(Map.of(), "tsig-s3cret", "encrypt_string", "--vault-password-file", pass1.toString(), "--name", "ignored");
        assertEquals(masked(ok(ansible(Map.of(), "tsig-s3cret", "encrypt_string", "--vault-password-file", pass1.toString(),
                "--name", "ignored")).out()), masked(unnamed.out()));

        // -p asks for a name and a value (read from standard input when it is not a terminal, as ansible-vault reads them)
        String[] prompted = {"encrypt_string", "--vault-password-file", pass1.toString(), "-p", "arg-s3cret"};
        Result asked = engine(Map.of(), "tls_key\nprompted-s3cret\n", prompted);
        Result ansibleAsked = ok(ansible(Map.of(), "tls_key\nprompted-s3cret\n", prompted));
        assertEquals(masked(ansibleAsked.out()), masked(asked.out()));
        assertTrue(asked.out().startsWith("Variable name (enter for no name): tls_key: !vault |\n"), asked.out());
        assertTrue(asked.err().startsWith("String to encrypt (hidden): \n# The encrypted version of variable (\"tls_key\", the string #1 from"
                + " the interactive prompt).\n"), asked.err());
        assertEquals(List.of("prompted-s3cret", "arg-s3cret"), opened(asked.out().substring(asked.out().indexOf("tls_key")), pass1));
        assertFalse(asked.out().contains("prompted-s3cret") || asked.err().contains("prompted-s3cret"));

        Path out = dir.resolve("vars.yml");
        hidden(engine(Map.of(), null, "encrypt_string", "--vault-password-file", pass1.toString(), "--output", out.toString(),
                "-n", "api_token", SECRET));
        assertEquals("rw-------", mode(out));
        assertEquals(List.of(SECRET), opened(Files.readString(out), pass1));
    }

    @Test
    void mistakesAreReportedInAnsibleVaultsWordsWithTheEnginesExitCodes() throws Exception {
        Path plain = write("plain.yml", PLAIN);
        Path vaulted = write("vaulted.yml", PLAIN);
        ok(ansible(Map.of(), null, "encrypt", "--vault-password-file", pass1.toString(), vaulted.toString()));
        String p1 = pass1.toString();
        String p2 = pass2.toString();
        List<List<String>> cases = List.of(
                List.of("encrypt", "--vault-id", "a@" + p1, "--vault-id", "b@" + p2, "--encrypt-vault-id", "c", plain.toString()),
                List.of("encrypt", "--vault-password-file", p1, vaulted.toString()),
                List.of("view", "--vault-password-file", p2, "vaulted.yml"),
                List.of("view", "--vault-password-file", p1, "nofile.yml"),
                List.of("decrypt", "--vault-password-file", p2, vaulted.toString()),
                List.of("decrypt", "--vault-password-file", p1, plain.toString()),
                List.of("decrypt", "--vault-password-file", p1, "--output", "-", plain.toString(), vaulted.toString()),
                List.of("create", "--vault-password-file", p1, "vaulted.yml"),
                List.of("edit", "--vault-password-file", p2, vaulted.toString()),
                List.of("edit", "--vault-password-file", p1, plain.toString()),
                List.of("rekey", "--vault-password-file", p1, "--new-vault-password-file", p2, plain.toString()),
                List.of("rekey", "--vault-password-file", p2, "--new-vault-password-file", p1, vaulted.toString()),
                List.of("encrypt_string", "--vault-id", "a;b@" + p1, "value"),
                List.of("encrypt_string", "--vault-password-file", p1, "-p"),
                List.of("encrypt_string", "--vault-password-file", p1, ""),
                List.of("encrypt_string", "--vault-password-file", p1, "-n", "x"));
        for (List<String> args : cases) {
            Map<String, String> env = Map.of("EDITOR", editor.toString());
            String[] argv = args.toArray(String[]::new);
            sameError(ansible(env, "", argv), engine(env, "", argv));
        }
        assertArrayEquals(PLAIN.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(plain));
        assertFalse(Files.exists(editorLog), "no editor was started");

        Result two = engine(Map.of(), null, "create", "--vault-password-file", p1, "a.yml", "b.yml");
        assertEquals(5, two.code());
        assertEquals("ERROR: vault create can take only one filename argument\n", two.err());
        Result none = engine(Map.of(), null, "view", "vaulted.yml");
        assertEquals(5, none.code());
        assertTrue(none.err().startsWith("ERROR: A vault password is required to use Ansible's Vault"), none.err());
    }

    @Test
    void onATerminalViewPagesAndEncryptSaysSo() throws Exception {
        Terminal.assumeAvailable();
        Path file = write("secrets.yml", PLAIN);
        ok(ansible(Map.of(), null, "encrypt", "--vault-password-file", pass1.toString(), file.toString()));
        try (Terminal t = Terminal.start(Map.of("PAGER", "sed 's/^/paged: /'"), "vault", "view", "--vault-password-file", pass1.toString(),
                file.toString())) {
            assertTrue(t.finish().contains("paged: " + PLAIN.strip()));
        }
        Path other = write("other.yml", "token: two\n");
        try (Terminal t = Terminal.start("vault", "encrypt", "-J", other.toString())) {
            t.answer("New Vault password: ", "typed-pass", 1);
            t.answer("Confirm New Vault password: ", "typed-pass", 1);
            assertTrue(t.finish().contains("Encryption successful"));
        }
        Path typed = write("typed.txt", "typed-pass\n");
        assertEquals("token: two\n", ok(ansible(Map.of(), null, "view", "--vault-password-file", typed.toString(), other.toString())).out());

        // encrypt_string -p asks for the name and, hidden, the string on the terminal
        try (Terminal t = Terminal.start("vault", "encrypt_string", "--vault-password-file", typed.toString(), "-p", "arg-value")) {
            t.answer("Variable name (enter for no name): ", "tls_key", 1);
            t.answer("String to encrypt (hidden): ", "typed-s3cret", 1);
            String shown = t.finish();
            assertTrue(shown.contains("tls_key: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n"), shown);
            assertTrue(shown.contains("# The encrypted version of variable (\"tls_key\", the string #1 from the interactive prompt)."), shown);
            assertTrue(shown.contains("Encryption successful"), shown);
            assertFalse(shown.contains("typed-s3cret"), "the string typed is not echoed: " + shown);
            String yaml = shown.substring(shown.indexOf("tls_key: !vault"), shown.indexOf("Encryption successful"));
            assertEquals(List.of("typed-s3cret", "arg-value"), opened(yaml, typed));
        }
    }
}
