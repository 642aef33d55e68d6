package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The csvfile lookup's failures end with Ansible's messages. (What it finds is compared with ansible-playbook in
 * {@code parity/lookup_csvfile.yml}.)
 */
class CsvfileLookupTest {
    @Test
    void failuresCarryAnsiblesMessages() {
        RunResult r = EngineRun.cli(EngineRun.fixture("lookups/csvfile_failures.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 6, 0, 0, 0, 0, 0, 5);
    }
}
