package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code async} as ansible-core 2.14 meets it (async/async.yml ends the same with ansible-playbook): the actions whose
 * plugin does not support async refuse it (each loop item too), async with check mode is refused, and elsewhere the
 * task runs to its end within async seconds, failing with Ansible's message past them (the timeout is a peer that
 * never ends: {@code sleep 600} under {@code async: 1}).
 */
class AsyncTest {
    @Test
    void asyncIsRefusedOrATimeLimitAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("async/async.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 8, 2, 0, 0, 0, 0, 5);
    }
}
