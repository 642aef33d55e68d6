package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.jar vault edit} and {@code create} against Debian's {@code ansible-vault} 2.14, {@code $EDITOR} a script
 * the test writes: what the editor wrote is encrypted (with the file's vault id), nothing is rewritten when it wrote
 * nothing new, and the editor's plaintext copy is gone however the engine ends.
 */
class VaultEditCommandTest extends VaultProcessTest {
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
}
