package io.runbook.cli;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code engine.jar vault} tests share: a temporary folder with two password files and an {@code $EDITOR}
 * script that records what it was given; the engine's {@code vault} and Debian's {@code ansible-vault} run there as
 * processes ({@link VaultCommandTest}, {@link VaultEditCommandTest}).
 */
abstract class VaultProcessTest {
    static final String ANSIBLE_VAULT = "/usr/bin/ansible-vault";
    static final String SECRET = "db-Pa55word-for-recovery";
    static final String PLAIN = "db_password: " + SECRET + "\n";

    @TempDir
    Path dir;
    Path pass1;
    Path pass2;
    Path editor;
    Path editorLog;

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

    record Result(int code, String out, String err) {
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** The engine's {@code vault} subcommand as a process (as {@code java -jar engine.jar vault ARGS}), in the temporary folder. */
    Result engine(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(EngineJvm.command());
        command.add("vault");
        command.addAll(List.of(args));
        return run(command, env, stdin);
    }

    /** Debian's ansible-vault, with the same arguments. */
    Result ansible(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ANSIBLE_VAULT));
        command.addAll(List.of(args));
        return run(command, env, stdin);
    }

    Result run(List<String> command, Map<String, String> env, String stdin) throws Exception {
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

    static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Result ok(Result r) {
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }

    /** Succeeded and said nothing on stdout that holds a plaintext. */
    static void hidden(Result r) {
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), r.out() + r.err());
    }

    /**
     * ansible-vault's error line ({@code ERROR! ...}) is the engine's ({@code ERROR: ...}), its exit 5 (bad usage) is the
     * engine's 5 and its 1 the engine's 3; neither shows a password or plaintext.
     */
    static void sameError(Result ansible, Result engine) {
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
    static String masked(String out) {
        return out.replaceAll("(?m)^ {10}[0-9a-f]{1,80}$", "HEX").replaceAll("HEX(\\nHEX)+", "HEX");
    }

    /** What ansible-vault decrypts each {@code !vault |} block of {@code yaml} to. */
    List<String> opened(String yaml, Path password) throws Exception {
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
