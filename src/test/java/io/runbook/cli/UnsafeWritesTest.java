package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unsafe_writes} on the controller, as a user runs it: a file in a folder made immutable ({@code chattr +i}, as
 * ansible-core's {@code unsafe_writes} target does) cannot be replaced by a rename, so copy, lineinfile, blockinfile,
 * replace and template fail with Ansible's messages unless {@code unsafe_writes} (or {@code ANSIBLE_UNSAFE_WRITES} in
 * the task's environment) lets them write it in place, also as the become user; a value of it that is no boolean
 * fails the task with Ansible's message. The playbook's asserts were checked
 * with ansible-playbook 2.14 (ok=22 changed=11 ignored=5).
 */
class UnsafeWritesTest {
    @TempDir
    Path dir;

    @Test
    void aFileInAnImmutableFolderIsWrittenInPlaceOnlyWithUnsafeWrites() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chattr +i needs root");
        RunResult run = EngineRun.cli(EngineRun.fixture("unsafe-writes/playbook.yml"), "-e", "dir=" + dir);
        assertEquals(0, run.exitCode(), run.toString());
        run.assertRecap("localhost", 22, 11, 0, 0, 0, 0, 5);
        Path locked = dir.resolve("locked");
        assertEquals("from the environment\n", Files.readString(locked.resolve("app.conf")));
        try (Stream<Path> left = Files.list(locked)) {
            assertEquals(List.of(locked.resolve("app.conf")), left.toList(), "no temporary file is left behind");
        }
    }
}
