package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lineinfile's validate checks the new content before it replaces the file, as Ansible's does. */
class FileValidationTest {
    @TempDir
    Path work;

    @Test
    void contentThatFailsTheCheckLeavesTheFileAsItWas() throws Exception {
        Path conf = work.resolve("etc/app/app.conf");
        RunResult r = EngineRun.cli(EngineRun.fixture("lineinfile/validate.yml"), "-i", "localhost,", "-c", "local",
                "-e", "conf=" + conf);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("changed", r.status("a setting that passes the check", "localhost"), r.toString());
        assertEquals("failed", r.status("a setting that fails it", "localhost"), r.toString());
        assertEquals("failed to validate: rc:1 error:", r.registered("a setting that fails it", "localhost").get("msg"), r.toString());
        assertEquals("port=8443\n", Files.readString(conf), "created with its folders, then left as it was");
        r.assertRecap("localhost", 2, 1, 0, 0, 0, 0, 1);  // as ansible-playbook counts it
    }
}
