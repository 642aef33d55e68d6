package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tempfile makes a new scratch file or folder each run, as Ansible's; a value's trailing newline is written too. */
class TempfileTest {
    @TempDir
    Path work;

    @Test
    void aScratchFolderAndFileAreMadeUsedAndRemoved() throws Exception {
        RunResult r = EngineRun.cli(EngineRun.fixture("tempfile/site.yml"), "-i", "localhost,", "-c", "local",
                "-e", "work_dir=" + work);
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 6, 4, 0, 0, 0, 0, 0);
        String folder = (String) r.registered("a scratch folder", "localhost").get("path");
        assertTrue(folder.matches(Pattern.quote(work.toString()) + "/ansible\\.[a-z0-9_]{8}\\.test"), folder);
        String file = (String) r.registered("a scratch file in it", "localhost").get("path");
        assertTrue(file.matches(Pattern.quote(folder) + "/values-[a-z0-9_]{8}"), file);
        assertEquals("changed", r.status("a scratch folder", "localhost"), r.toString());
        assertEquals("Café Eñe\n", r.msg("what was written", "localhost"), "\"{{ greeting }}\\n\" keeps its newline: " + r);
        try (var left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the playbook removed what it made");
        }
    }

    @Test
    void checkModeSkipsItAndMakesNothing() throws Exception {
        RunResult r = EngineRun.cli(EngineRun.fixture("tempfile/check.yml"), "-i", "localhost,", "-c", "local",
                "-e", "work_dir=" + work, "-C");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("skipped", r.status("a scratch folder", "localhost"), r.toString());
        try (var left = Files.list(work)) {
            assertFalse(left.findAny().isPresent(), "nothing made in check mode");
        }
    }
}
