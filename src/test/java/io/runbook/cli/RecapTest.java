package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecapTest {
    @Test
    void recapLineHasAnsiblesExactFormat() {
        RunResult r = EngineRun.playbook("recap/counters.yml");
        assertEquals("web1                       : ok=4    changed=1    unreachable=0    failed=0    skipped=1    rescued=1    ignored=1   ",
                r.recapLine("web1"), r.toString());
    }

    @Test
    void changedCountsInOkIgnoredCountsInOkAndIgnoredRescuedIsNotFailed() {
        RunResult r = EngineRun.playbook("recap/counters.yml");
        // ok: plain ok, the change, the ignored failure, recovers
        r.assertRecap("web1", 4, 1, 0, 0, 1, 1, 1);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("...ignoring"), r.toString());
    }

    @Test
    void recapListsOnlyTheHostsThatRanSomething() {
        RunResult r = EngineRun.playbook("recap/counters.yml");
        String recap = r.out().substring(r.out().indexOf("PLAY RECAP"));
        assertEquals(1, recap.lines().filter(l -> l.contains(" : ok=")).count(), r.toString());
    }
}
