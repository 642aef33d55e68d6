package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * assemble and getent run as a user runs them: assemble's vault-encrypted fragments opened on the controller and never
 * shown, getent's fact kept for the next play, a misspelt argument refused with its place before anything runs.
 */
class AssembleAndGetentTest {
    @TempDir
    Path work;

    @Test
    void vaultEncryptedFragmentsAreWrittenButNeverShown() throws Exception {
        RunResult r = EngineRun.cli(EngineRun.fixture("assemble/secret.yml"), "-i", "localhost,", "-c", "local", "--diff", "-v",
                "--vault-password-file", EngineRun.fixture("vault/vault-pass.txt"), "-e", "dir=" + work);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("listen = 8443\ndb_password = hunter2-assembled\n", Files.readString(work.resolve("app.conf")));
        assertFalse(r.out().contains("hunter2") || r.err().contains("hunter2") || r.events().toString().contains("hunter2"),
                "the secret shown:\n" + r);
        Map<?, ?> assembled = (Map<?, ?>) r.registered("what was registered", "localhost").get("assembled");
        Map<?, ?> diff = (Map<?, ?>) assembled.get("diff");
        assertEquals("(content of a vault-encrypted file: not shown)\n", diff.get("after"), r.toString());
        assertEquals("ok", r.status("the same parts again", "localhost"), r.toString());
        assertTrue(Files.readString(work.resolve("sealed.conf")).startsWith("listen = 8443\n$ANSIBLE_VAULT;1.1;AES256\n"),
                "decrypt: false sends the fragment as it is");
        assertEquals("skipped", r.status("in check mode", "localhost"), r.toString());
        assertEquals("check mode is not supported for this task.", r.registered("in check mode", "localhost").get("msg"));
        assertFalse(Files.exists(work.resolve("check.conf")));
        r.assertRecap("localhost", 4, 2, 0, 0, 1, 0, 0);  // as ansible-playbook counts it
    }

    @Test
    void getentsFactIsAFactOfTheHostForLaterPlays() {
        RunResult r = EngineRun.cli(EngineRun.fixture("assemble/getent.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("/root 6 0", r.msg("what the facts hold", "localhost"), r.toString());
    }

    @Test
    void aMisspeltArgumentIsRefusedWithItsPlaceBeforeAnythingRuns() {
        refused("bad_delimiter_typo.yml", "8:20", "unknown argument 'delimeter' for module 'assemble' (did you mean 'delimiter'?)");
        refused("bad_getent_typo.yml", "4:40", "unknown argument 'keys' for module 'getent' (did you mean 'key'?)");
    }

    private static void refused(String playbook, String place, String cause) {
        String file = EngineRun.fixture("assemble/" + playbook);
        RunResult r = EngineRun.cli(file, "--syntax-check", "-i", "localhost,");
        assertEquals(3, r.exitCode(), r.toString());
        String expected = "ERROR: " + file + ":" + place + ": " + cause;
        assertTrue(r.err().lines().anyMatch(l -> l.equals(expected)), "expected\n" + expected + "\nin\n" + r);
    }
}
