package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code async} as ansible-core 2.14 meets it (async/async.yml ends the same with ansible-playbook): the actions whose
 * plugin does not support async refuse it (each loop item too), async with check mode is refused, and elsewhere the
 * task runs to its end within async seconds, failing with Ansible's message past them (the timeout is a peer that
 * never ends: {@code sleep 600} under {@code async: 1}); with {@code poll: 0} the task starts a job and the host goes on,
 * and {@code async_status} follows it; a task without {@code poll} takes the configured poll_interval.
 */
class AsyncTest {
    @Test
    void asyncIsRefusedOrATimeLimitAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("async/async.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 9, 2, 0, 0, 0, 0, 5);
    }

    @Test
    void pollZeroStartsAJobThatAsyncStatusFollowsAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("async/fire_and_forget.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 9, 4, 0, 0, 0, 0, 2);
    }

    @Test
    void aTaskWithoutPollIsPolledEveryPollIntervalAsInAnsible() throws Exception {
        // async/poll_interval/ansible.cfg: poll_interval = 0, so the task starts a job and the play goes on (its assert
        // checks finished against expected_finished); ANSIBLE_POLL_INTERVAL before ansible.cfg: polled to its end
        java.nio.file.Path folder = java.nio.file.Path.of(EngineRun.fixture("async/poll_interval")).toAbsolutePath();
        for (var run : java.util.Map.of("0", java.util.Map.<String, String>of(), "1", java.util.Map.of("ANSIBLE_POLL_INTERVAL", "1"))
                .entrySet()) {
            try (EngineProcess engine = EngineProcess.start(folder, run.getValue(), "poll_interval.yml", "-i", "localhost,",
                    "-c", "local", "-e", "expected_finished=" + run.getKey())) {
                assertEquals(0, engine.exitCode(java.time.Duration.ofMinutes(5)), engine.output());
                org.junit.jupiter.api.Assertions.assertTrue(engine.output().contains("localhost                  : ok=2    changed=1 "),
                        engine.output());
            }
        }
    }

    @Test
    void aJobsModuleOutputIsReadAsAnsiblesAsyncWrapperReadsIt() {
        // its stderr and warnings kept in the result, output without JSON the wrapper's failure (upstream's async target)
        RunResult r = EngineRun.cli(EngineRun.fixture("async/module_output.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 5, 3, 0, 0, 0, 0, 1);
    }

    @Test
    void aJobNobodyAsksForEndsBeforeTheRunDoes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path dest = dir.resolve("done.txt");
        RunResult r = EngineRun.cli(EngineRun.fixture("async/last_job.yml"), "-i", "localhost,", "-c", "local",
                "-e", "dest=" + dest);
        assertEquals(0, r.exitCode(), r.toString());
        org.junit.jupiter.api.Assertions.assertEquals("done\n", java.nio.file.Files.readString(dest), r.toString());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("waiting for 1 async job (poll: 0) to finish"), r.toString());
    }
}
