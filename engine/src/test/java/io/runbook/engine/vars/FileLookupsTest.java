package io.runbook.engine.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookups that read files and run commands, as Ansible's, and bounded. */
class FileLookupsTest {
    private final Templar templar = new Templar();
    @TempDir
    Path dir;

    private SourcePosition where() {
        return new SourcePosition(dir.resolve("site.yml"), 3, 7);
    }

    private Object render(String template) {
        return templar.render(template, Map.of(), where());
    }

    @Test
    void fileglobLooksInTheFilesFolderFirstThenThePlaybooksFolder() throws Exception {
        Files.createDirectories(dir.resolve("files/conf"));
        Files.writeString(dir.resolve("files/a.txt"), "a");
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.writeString(dir.resolve("files/conf/c.conf"), "c");
        Files.createDirectories(dir.resolve("only-here"));
        Files.writeString(dir.resolve("only-here/d.conf"), "d");
        // as ansible-core 2.14: files/ has a match, so the playbook's folder is not looked at
        assertEquals(Marked.unsafe(dir.resolve("files/a.txt").toString()), render("{{ query('fileglob', '*.txt') }}"));
        assertEquals(Marked.unsafe(dir.resolve("files/conf/c.conf").toString()), render("{{ query('fileglob', 'conf/*.conf') }}"));
        assertEquals(Marked.unsafe(dir.resolve("only-here/d.conf").toString()), render("{{ query('fileglob', 'only-here/*.conf') }}"));
        assertEquals(List.of(), render("{{ query('fileglob', '*.none') }}"));
    }

    @Test
    void passwordFileIsMadeOnceForEveryForkAskingAtOnceAndIsPrivateFromTheStart() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> asked = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return render("{{ lookup('password', 'credentials/admin length=24 chars=ascii_letters,digits') }}");
                }));
            }
            start.countDown();
            Set<String> passwords = new HashSet<>();
            for (Future<Object> f : asked) {
                Object password = f.get();
                assertTrue(password instanceof SecretText, "a made password is secret");
                passwords.add(password.toString());
            }
            assertEquals(1, passwords.size(), "every fork got the same password: " + passwords.size());
            String made = passwords.iterator().next();
            assertTrue(made.matches("[A-Za-z0-9]{24}"), made);
            Path file = dir.resolve("credentials/admin");
            assertEquals(made + "\n", Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            try (var listing = Files.list(file.getParent())) {
                assertEquals(List.of(file), listing.toList(), "no temporary file is left");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passwordLengthMustBeANumber() {
        UserError error = assertThrows(UserError.class, () -> render("{{ lookup('password', '/dev/null length=many') }}"));
        assertTrue(error.format().contains("the password lookup's length must be a number, not 'many'"), error.format());
        assertEquals(12, ((CharSequence) render("{{ lookup('password', '/dev/null length=12') }}")).length());
    }

    @Test
    void pipeOutputIsBoundedAndTheEndlessCommandIsStopped() {
        UserError error = assertThrows(UserError.class, () -> render("{{ lookup('pipe', 'yes') }}"));
        assertTrue(error.format().startsWith(dir.resolve("site.yml") + ":3:7: lookup pipe: 'yes' wrote more than 4194304 bytes"),
                error.format());
        assertEquals(Marked.unsafe("a", "b"), render("{{ query('lines', 'printf \"a\\\\nb\\\\n\"') }}"));
    }

    @Test
    void fileLookupOfAHugeFileIsRefusedWithoutReadingIt() throws Exception {
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(dir.resolve("huge.bin").toFile(), "rw")) {
            huge.setLength(1L << 34); // 16 GiB, sparse
        }
        UserError error = assertThrows(UserError.class, () -> render("{{ lookup('file', 'huge.bin') }}"));
        assertTrue(error.format().contains("file '" + dir.resolve("huge.bin") + "' is larger than 4194304 bytes"), error.format());
        assertThrows(UserError.class, () -> render("{{ lookup('file', '/dev/zero') }}"), "not a regular file");
    }
}
