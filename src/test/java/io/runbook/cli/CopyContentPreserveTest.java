package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy with content and mode: preserve gives the file 0600, as Ansible's action (the unarchive target relies on it). */
class CopyContentPreserveTest {
    @TempDir
    Path work;

    @Test
    void contentWithModePreserveGetsTheModeOfAnsiblesTemporaryFile() {
        RunResult r = EngineRun.cli(EngineRun.fixture("copy-preserve/content.yml"), "-i", "localhost,", "-c", "local",
                "-e", "dir=" + work);
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 3, 1, 0, 0, 0, 0, 0);
    }
}
