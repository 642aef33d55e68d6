package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template, copy and lineinfile at a dest that is a symlink, follow-links/site.yml: what ansible-playbook
 * (Debian's ansible-core) left behind for the same play and files — follow: yes writes through the link, no follow
 * replaces the link by a file even when its file already holds the content, lineinfile edits the link's file.
 */
class FollowLinksTest {
    private static final String PLAYBOOK = EngineRun.fixture("follow-links/site.yml");

    @TempDir
    Path out;

    @BeforeEach
    void links() throws Exception {
        String[] before = {"old\n", "old\n", "new 1\n", "c\n", "first\n"};
        for (int i = 1; i <= 5; i++) {
            Files.writeString(out.resolve("target" + i), before[i - 1]);
            Files.createSymbolicLink(out.resolve("link" + i), Path.of("target" + i));
        }
    }

    private RunResult run(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(PLAYBOOK, "-i", "localhost,", "-c", "local", "-e", "out=" + out));
        args.addAll(java.util.List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    @Test
    void asAnsibleLeavesThemAndASecondRunChangesNothing() throws Exception {
        RunResult first = run();
        assertEquals(0, first.exitCode(), first.toString());
        first.assertRecap("localhost", 5, 5, 0, 0, 0, 0, 0);
        assertTrue(Files.isSymbolicLink(out.resolve("link1")), "follow: yes keeps the link");
        assertEquals("new 1\n", Files.readString(out.resolve("target1")));
        assertTrue(Files.isSymbolicLink(out.resolve("link2")));
        assertEquals("c\n", Files.readString(out.resolve("target2")));
        assertFalse(Files.isSymbolicLink(out.resolve("link3")), "without follow the link becomes a file");
        assertEquals("new 1\n", Files.readString(out.resolve("link3")));
        assertFalse(Files.isSymbolicLink(out.resolve("link4")));
        assertEquals("c\n", Files.readString(out.resolve("link4")));
        assertTrue(Files.isSymbolicLink(out.resolve("link5")), "lineinfile keeps the link");
        assertEquals("first\nadded\n", Files.readString(out.resolve("target5")));

        RunResult second = run();
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("localhost", 5, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void checkModePredictsTheSameAndTouchesNothing() throws Exception {
        RunResult check = run("--check");
        assertEquals(0, check.exitCode(), check.toString());
        check.assertRecap("localhost", 5, 5, 0, 0, 0, 0, 0);
        for (int i = 1; i <= 5; i++) {
            assertTrue(Files.isSymbolicLink(out.resolve("link" + i)), "link" + i);
        }
        assertEquals("old\n", Files.readString(out.resolve("target1")));
        assertEquals("first\n", Files.readString(out.resolve("target5")));
    }
}
