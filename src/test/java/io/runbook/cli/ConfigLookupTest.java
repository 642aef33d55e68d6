package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The config lookup: this run's values of the Ansible settings the engine uses ({@code -f 7} is DEFAULT_FORKS), the
 * ssh connection's from the host's variables, and Ansible's handling of missing settings and bad options. (The
 * csvfile lookup is compared with ansible-playbook in {@code parity/lookup_csvfile.yml}.)
 */
class ConfigLookupTest {
    @Test
    void settingsOfTheRunAndMissingOnesAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("lookups/config.yml"), "-i", "localhost,", "-c", "local", "-f", "7");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 7, 0, 0, 0, 0, 0, 3);
        assertTrue(Warnings.of(r.err()).contains("[WARNING]: Skipping, did not find setting NOT_A_SETTING"), r.toString());
    }
}
