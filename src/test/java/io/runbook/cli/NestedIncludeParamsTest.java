package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Parameters ({@code vars:}) of include_tasks inside include_tasks as ansible-playbook 2.14 layers them
 * (includes/nested/params.yml ends the same with Debian's): the inner include's win over the outer one's, which win
 * over a task's own vars and the inner include's {@code apply} vars.
 */
class NestedIncludeParamsTest {
    @Test
    void anInnerIncludesParametersWinOverTheOuterOnes() {
        RunResult r = EngineRun.cli(EngineRun.fixture("includes/nested/params.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 9, 0, 0, 0, 0, 0, 0);
    }
}
