package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What -v to -vvvv print, as a user runs the engine: the header lines, connections' lines, and never a secret. */
class VerbosityTest {
    private static final String INVENTORY = EngineRun.fixture("vault/inventory.yml");
    private static final String PASS = EngineRun.fixture("vault/vault-pass.txt");
    private static final String DNS_PASS = EngineRun.fixture("vault/dns-pass.txt");
    private static final List<String> SECRETS = List.of("c2VjcmV0LXRzaWcta2V5LWRhdGE=", "dns-admin-password",
            "iam-Pa55-word", "alice-admin-user", "plain-n0-log-value");

    @Test
    void noSecretShowsAtFourVs(@TempDir Path dir) {
        RunResult r = EngineRun.cli(EngineRun.fixture("verbosity/secrets.yml"), "-i", INVENTORY, "--vault-password-file", PASS,
                "--vault-id", "dns@" + DNS_PASS, "-vvvv", "-e", "out_dir=" + dir);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        for (String secret : SECRETS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r.out() + r.err());
            assertFalse(r.events().toString().contains(secret), secret + " in the events");
        }
        // the lines that would hold them are there, masked or hidden
        assertTrue(r.out().contains("<mp> EXEC echo ******** (in "), r.out());
        assertTrue(r.out().contains("<mp> EXEC printenv TOKEN (in ") && r.out().contains("(environment: TOKEN)"), r.out());
        assertTrue(r.out().contains("<mp> PUT " + dir.resolve("admin.txt")), r.out());
        assertTrue(r.out().contains("<mp> EXEC (the command of a no_log task is not shown)"), r.out());
        assertTrue(r.out().contains("NOTIFIED HANDLER handled for mp"), r.out());
        assertTrue(r.out().contains("META: triggered running handlers for mp"), r.out());
    }

    @Test
    void oneVNamesTheConfigFileTwoAddTheEnginesVersionBlockAndThePlaybook() {
        String playbook = EngineRun.fixture("verbosity/plain.yml");
        RunResult quiet = EngineRun.playbook("verbosity/plain.yml");
        RunResult one = EngineRun.playbook("verbosity/plain.yml", "-v");
        RunResult two = EngineRun.playbook("verbosity/plain.yml", "-vv");
        assertEquals(0, two.exitCode(), two.out() + two.err());
        assertFalse(quiet.out().contains("config file") || quiet.out().contains("PLAYBOOK:"), quiet.out());
        assertTrue(one.out().startsWith("No config file found; using defaults\n")
                || one.out().matches("(?s)Using \\S+ansible\\.cfg as config file\n.*"), one.out());
        assertFalse(one.out().contains("runbook engine ") || one.out().contains("PLAYBOOK:"), one.out());
        assertTrue(two.out().startsWith("runbook engine "), two.out());
        assertTrue(two.out().contains("\n  java version = " + System.getProperty("java.version")), two.out());
        assertFalse(two.out().contains("ansible-playbook [core"), "the engine does not pretend to be ansible-core:\n" + two.out());
        assertTrue(two.out().contains("\nPLAYBOOK: plain.yml ****"), two.out());
        assertTrue(two.out().contains("\n1 plays in " + playbook + "\n"), two.out());
        assertTrue(two.out().contains("\ntask path: " + playbook + ":4:7\n"), two.out());
    }
}
