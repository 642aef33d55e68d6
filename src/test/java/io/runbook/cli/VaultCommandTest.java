package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.jar vault} against Debian's {@code ansible-vault} 2.14 (bin/test installs it; a machine without it fails
 * these tests): files each one makes the other opens, both ways, for every subcommand; the same invocation gives the same
 * message, stdout and stderr (the engine says {@code ERROR:} where ansible-vault says {@code ERROR!}, and exits 3 where it
 * exits 1); plaintexts show only where asked for (view, {@code decrypt --output -}). Both run as processes, on real files
 * in a temporary folder, {@code $EDITOR} a script the test writes.
 */
class VaultCommandTest {
    private static final String ANSIBLE_VAULT = "/usr/bin/ansible-vault";
    private static final String SECRET = "db-Pa55word-for-recovery";
    private static final String PLAIN = "db_password: " + SECRET + "\n";

    @TempDir
    Path dir;
    private Path pass1;
    private Path pass2;
    private Path editor;
    private Path editorLog;

    @BeforeEach
    void files() throws IOException {
        pass1 = write("pass1.txt", "first-vault-pass\n");
        pass2 = write("pass2.txt", "second-vault-pass\n");
        editorLog = dir.resolve("editor.log");
        // the editor records the mode of the folder and of the file it was given, and the file, then edits as told
        editor = write("editor.sh", """
                #!/bin/sh
                for f; do :; done
                stat -c '%%a' "$(dirname "$f")" "$f" >> '%s'
                echo "$f" >> '%s'
                if [ -n "$APPEND" ]; then printf '%%s\\n' "$APPEND" >> "$f"; fi
                exit 3
                """.formatted(editorLog, editorLog));
        editor.toFile().setExecutable(true);
    }

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
    void editRewritesAChangedTextWithTheFilesVaultIdAndNothingWhenUnchanged() throws Exception {
        Path file = write("group_vars.yml", PLAIN);
        ok(ansible(Map.of(), null, "encrypt", "--vault-id", "ops@" + pass1, file.toString()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        byte[] before = Files.readAllBytes(file);

        // unchanged: ansible-vault writes nothing and says nothing, and so does the engine
        Result unchanged = engine(Map.of("EDITOR", editor.toString()), null, "edit", "--vault-id", "ops@" + pass1, file.toString());
        assertEquals(0, unchanged.code(), unchanged.err());
        assertEquals("", unchanged.out() + unchanged.err());
        assertArrayEquals(before, Files.readAllBytes(file));
        ok(ansible(Map.of("EDITOR", editor.toString()), null, "edit", "--vault-id", "ops@" + pass1, file.toString()));
        assertArrayEquals(before, Files.readAllBytes(file), "ansible-vault leaves an unchanged file as it is too");

        // the editor's exit code is not looked at (nor by ansible-vault): what it saved is kept, under the file's vault id
        Result edited = engine(Map.of("EDITOR", editor + " --wait", "APPEND", "db_user: admin"), null,
                "edit", "--vault-password-file", pass2.toString(), "--vault-id", "ops@" + pass1, file.toString());
        hidden(edited);
        assertTrue(Files.readString(file).startsWith("$ANSIBLE_VAULT;1.2;AES256;ops\n"), Files.readString(file));
        assertEquals("rw-r-----", mode(file), "the file keeps its mode");
        assertEquals(PLAIN + "db_user: admin\n", ok(ansible(Map.of(), null, "view", "--vault-id", "ops@" + pass1, file.toString())).out());

        // what the editor was given: a 0600 file in a 0700 folder, both gone afterwards
        List<String> log = Files.readAllLines(editorLog);
        assertEquals(9, log.size(), log.toString());
        assertEquals(List.of("700", "600"), log.subList(0, 2));
        assertEquals(List.of("700", "600"), log.subList(6, 8));
        Path copy = Path.of(log.get(8));
        assertTrue(copy.getFileName().toString().endsWith(".yml"), "the copy keeps the file's extension: " + copy);
        assertFalse(Files.exists(copy) || Files.exists(copy.getParent()), copy + " was left behind");

        // a 1.1 file stays 1.1, whichever secret opened it
        Path plain11 = write("old.yml", "token: one\n");
        ok(ansible(Map.of(), null, "encrypt", "--vault-password-file", pass2.toString(), plain11.toString()));
        hidden(engine(Map.of("EDITOR", editor.toString(), "APPEND", "more: two"), null, "edit", "--vault-id", "ops@" + pass1,
                "--vault-id", pass2.toString(), plain11.toString()));
        assertTrue(Files.readString(plain11).startsWith("$ANSIBLE_VAULT;1.1;AES256\n"), Files.readString(plain11));
        assertEquals("token: one\nmore: two\n", ok(ansible(Map.of(), null, "view", "--vault-password-file", pass2.toString(),
                plain11.toString())).out());
    }

    @Test
    void theEditorsCopyIsRemovedWhenTheEngineIsStoppedWhileTheEditorRuns() throws Exception {
        Path file = write("secrets.yml", PLAIN);
        ok(ansible(Map.of(), null, "encrypt", "--vault-password-file", pass1.toString(), file.toString()));
        byte[] before = Files.readAllBytes(file);
        Path started = dir.resolve("editor.started");
        // an editor that says where its copy is and its process id, then stays open
        Path waiting = write("waiting-editor.sh", "#!/bin/sh\necho \"$$ $1\" > '" + started + ".tmp'\nmv '" + started + ".tmp' '"
                + started + "'\nexec sleep 600\n");
        waiting.toFile().setExecutable(true);
        String[] editorAt;
        try (EngineProcess engine = EngineProcess.start(dir, Map.of("EDITOR", waiting.toString()), "vault", "edit",
                "--vault-password-file", pass1.toString(), file.toString())) {
            engine.awaitCondition(() -> Files.isRegularFile(started), "the editor", java.time.Duration.ofMinutes(5));
            editorAt = Files.readString(started).strip().split(" ", 2);
            Path copy = Path.of(editorAt[1]);
            assertEquals(PLAIN, Files.readString(copy));
            engine.signal("TERM");
            // the engine ends; then the editor, which holds the engine's output open (as an editor at a terminal would)
            // (its Process, not ProcessHandle.of(pid): a second waiter on a child reaped meanwhile can poll for long)
            engine.awaitExit(java.time.Duration.ofMinutes(5));  // far less than the editor's 600 s: a hang fails
            ProcessHandle.of(Long.parseLong(editorAt[0])).ifPresent(ProcessHandle::destroy);
            engine.exitCode(java.time.Duration.ofMinutes(5));
            assertFalse(Files.exists(copy) || Files.exists(copy.getParent()), copy + " was left behind");
            assertFalse(engine.output().contains(SECRET), engine.output());
        } finally {
            if (Files.isRegularFile(started)) {
                ProcessHandle.of(Long.parseLong(Files.readString(started).strip().split(" ", 2)[0])).ifPresent(ProcessHandle::destroy);
            }
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the file is as it was");
    }

    @Test
    void createEncryptsWhatTheEditorWroteInANewFolderIfNeeded() throws Exception {
        Path file = dir.resolve("env/prod/vault.yml");
        Result created = engine(Map.of("EDITOR", editor.toString(), "APPEND", PLAIN.strip()), null,
                "create", "--vault-id", "prod@" + pass2, file.toString());
        assertEquals(0, created.code(), created.err());
        assertEquals("[WARNING]: " + file.getParent() + " does not exist, creating...\n", created.err());
        assertFalse(created.out().contains(SECRET));
        assertTrue(Files.readString(file).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
        assertEquals(PLAIN, ok(ansible(Map.of(), null, "view", "--vault-id", "prod@" + pass2, file.toString())).out());

        // an empty file when the editor wrote nothing, as ansible-vault
        Path empty = dir.resolve("empty.yml");
        hidden(engine(Map.of("EDITOR", editor.toString()), null, "create", "--vault-password-file", pass1.toString(), empty.toString()));
        assertEquals("\n", ok(ansible(Map.of(), null, "view", "--vault-password-file", pass1.toString(), empty.toString())).out());
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

    // --- helpers

    private record Result(int code, String out, String err) {
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** The engine's {@code vault} subcommand as a process (as {@code java -jar engine.jar vault ARGS}), in the temporary folder. */
    private Result engine(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(EngineJvm.command("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.add("vault");
        command.addAll(List.of(args));
        return run(command, env, stdin);
    }

    /** Debian's ansible-vault, with the same arguments. */
    private Result ansible(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ANSIBLE_VAULT));
        command.addAll(List.of(args));
        return run(command, env, stdin);
    }

    private Result run(List<String> command, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("ANSIBLE_VAULT") || k.equals("EDITOR") || k.equals("PAGER"));
        environment.put("ANSIBLE_LOCAL_TEMP", dir.resolve(".ansible-tmp").toString());
        environment.putAll(new HashMap<>(env));
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Result ok(Result r) {
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }

    /** Succeeded and said nothing on stdout that holds a plaintext. */
    private static void hidden(Result r) {
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), r.out() + r.err());
    }

    /**
     * ansible-vault's error line ({@code ERROR! ...}) is the engine's ({@code ERROR: ...}), its exit 5 (bad usage) is the
     * engine's 5 and its 1 the engine's 3; neither shows a password or plaintext.
     */
    private static void sameError(Result ansible, Result engine) {
        String theirs = ansible.err().lines().filter(l -> l.startsWith("ERROR! ")).findFirst()
                .orElseThrow(() -> new AssertionError("ansible-vault said no error: " + ansible)).substring("ERROR! ".length())
                .replace("[Errno 2] ", "");
        String ours = engine.err().lines().filter(l -> l.startsWith("ERROR: ")).findFirst()
                .orElseThrow(() -> new AssertionError("the engine said no error: " + engine)).substring("ERROR: ".length());
        assertEquals(theirs, ours.replaceFirst(" \\(give it with [^)]*\\)$", ""));
        assertEquals(ansible.code() == 5 ? 5 : 3, engine.code(), engine.err());
        for (String secret : List.of(SECRET, "first-vault-pass", "second-vault-pass")) {
            assertFalse(engine.out().contains(secret) || engine.err().contains(secret), secret + " shown: " + engine);
        }
    }

    /** The output with each envelope's hexadecimal lines (random salt) replaced by one mark. */
    private static String masked(String out) {
        return out.replaceAll("(?m)^ {10}[0-9a-f]{1,80}$", "HEX").replaceAll("HEX(\\nHEX)+", "HEX");
    }

    /** What ansible-vault decrypts each {@code !vault |} block of {@code yaml} to. */
    private List<String> opened(String yaml, Path password) throws Exception {
        List<String> values = new ArrayList<>();
        for (String block : yaml.split("(?m)^(?=(?:\\S[^\\n]*)?!vault \\|$)")) {
            String envelope = block.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                    .reduce("", (a, b) -> a + b + "\n");
            if (envelope.startsWith("$ANSIBLE_VAULT")) {
                values.add(ok(ansible(Map.of(), envelope, "decrypt", "--vault-password-file", password.toString(), "--output", "-")).out());
            }
        }
        return values;
    }
}
