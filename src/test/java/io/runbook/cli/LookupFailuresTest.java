package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop and lookup failures end as in ansible-playbook: Ansible's messages (with_sequence, with_indexed_items, with_list, the vars
 * and first_found lookups) in {@code ansible_failed_result.msg}, which a rescue compares, and the place in front of
 * the message only in the output line.
 */
class LookupFailuresTest {
    @Test
    void rescuesSeeAnsiblesMessagesAndTheOutputShowsThePlace() {
        RunResult r = EngineRun.cli(EngineRun.fixture("lookups/failures.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 11, 0, 0, 0, 0, 7, 0);
        assertTrue(r.out().contains("fatal: [localhost]: FAILED! => {\"msg\": \"" + EngineRun.fixture("lookups/failures.yml")
                + ":9:26: can't parse start=A as integer\"}"), r.out());
    }

    @Test
    void varnamesListsFactsInTheOrderTheyWereSet() {
        RunResult r = EngineRun.cli(EngineRun.fixture("lookups/varnames.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 3, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void thePasswordLookupReadsItsTermAsAnsiblesPathWithSpacesThenKeyValues(@TempDir Path dir) throws Exception {
        RunResult r = EngineRun.cli(Map.of("PASSWORD_DIR", dir.toString()), EngineRun.fixture("lookups/password_terms.yml"),
                "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 5, 0, 0, 0, 0, 2, 0);
        assertEquals(6, Files.readString(dir.resolve("my secret")).strip().length());
    }
}
