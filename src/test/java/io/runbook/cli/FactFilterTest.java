package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** setup's filter and subsets as ansible-core 2.14's ({@code engine/facts/filters.yml}). */
class FactFilterTest {
    @Test
    void aFilterWithoutThePrefixMatchesThePrefixedFact() {
        RunResult r = EngineRun.cli(EngineRun.fixture("facts/filters.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.recapLine("localhost").contains("ok=4 "), r.out());
    }
}
