package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's {@code error_on_missing_handler}: a project whose ansible.cfg turns it off runs a playbook with a notify
 * that names no handler, with Ansible's warning when the notification fires (checked with ansible-playbook 2.14:
 * ok=4 changed=1, exit 0). The project is copied out of the repository so that the repository's runbook.yml is not
 * found above it.
 */
class MissingHandlerSettingTest {
    private static final Path PROJECT = Path.of("test/resources/engine/handlers/missing-handler");
    private static final String WARNING = "The requested handler 'restart apy' was not found in either the main handlers "
            + "list nor in the listening handlers list";

    @TempDir
    Path dir;

    private Path project() throws IOException {
        try (Stream<Path> files = Files.list(PROJECT)) {
            for (Path p : files.toList()) {
                Files.copy(p, dir.resolve(p.getFileName().toString()));
            }
        }
        return dir;
    }

    private static String run(Path cwd) throws Exception {
        try (EngineProcess engine = EngineProcess.start(cwd, "playbook.yml")) {
            int code = engine.exitCode(Duration.ofMinutes(3));
            return code + "\n" + engine.output();
        }
    }

    @Test
    void offInAnsibleCfgTheMissingHandlerIsOnlyWarnedAboutAndTheRunGoesOn() throws Exception {
        String out = run(project());
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.replace("\n", " ").contains("[WARNING]: " + WARNING), out);
        assertTrue(out.contains("RUNNING HANDLER [restart api]"), out);
        assertTrue(out.contains("localhost                  : ok=4    changed=1    unreachable=0    failed=0"), out);
    }

    @Test
    void onByDefaultTheNotifyIsRefusedBeforeAnythingRuns() throws Exception {
        Path cwd = project();
        Files.writeString(cwd.resolve("ansible.cfg"), "[defaults]\ninventory = hosts\n");
        String out = run(cwd);
        assertTrue(out.startsWith("3\n"), out);
        assertTrue(out.contains("ERROR: playbook.yml:12:7: " + WARNING), out);
        assertTrue(out.contains("did you mean 'restart api'?"), out);
        assertFalse(out.contains("PLAY ["), out);
    }

    @Test
    void runbookYmlWinsOverAnsibleCfg() throws Exception {
        Path cwd = project();
        Files.writeString(cwd.resolve("runbook.yml"), "error_on_missing_handler: true\n");
        String out = run(cwd);
        assertTrue(out.startsWith("3\n"), out);
        assertTrue(out.contains(":12:7: " + WARNING), out);
        assertFalse(out.contains("PLAY ["), out);
    }

    @Test
    void aValueThatIsNotABooleanInRunbookYmlIsRefused() throws Exception {
        Path cwd = project();
        Files.writeString(cwd.resolve("runbook.yml"), "error_on_missing_handler: sometimes\n");
        String out = run(cwd);
        assertTrue(out.startsWith("3\n"), out);
        assertTrue(out.contains("ERROR: runbook.yml:1:27: error_on_missing_handler must be true or false, "
                + "got 'sometimes'"), out);
    }
}
