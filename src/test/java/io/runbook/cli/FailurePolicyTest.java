package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {
    @Test
    void changedWhenAndFailedWhenOverrideTheModule() {
        RunResult r = EngineRun.playbook("failures/failed_changed_when.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("ok", r.status("change reported as no change", "web1"));
        assertEquals("failed", r.status("success turned into failure", "web1"));
        assertEquals(Boolean.TRUE, r.registered("success turned into failure", "web1").get("failed_when_result"));
        assertEquals("ok", r.status("failure turned into success", "web1"));
        assertEquals("changed", r.status("list means all must hold", "web1"));
        assertEquals(false, r.registered("show", "web1").get("quiet.changed"));
        r.assertRecap("web1", 5, 1, 0, 0, 0, 0, 1);
    }

    @Test
    void aFailedHostLeavesThePlayAndLaterPlays() {
        RunResult r = EngineRun.playbook("failures/stop_at_failure.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("breaks on web2"), r.tasksRunOn("web2"));
        assertEquals(List.of("breaks on web2", "next task", "second play task"), r.tasksRunOn("web1"));
        r.assertRecap("web2", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("web3", 2, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void anyErrorsFatalStopsEveryHostAndThePlaybook() {
        RunResult r = EngineRun.playbook("failures/any_errors_fatal.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.out().contains("TASK [nobody runs this]"), r.toString());
        assertFalse(r.out().contains("later play"), r.toString());
        assertTrue(r.banners().contains("NO MORE HOSTS LEFT"), r.toString());
        r.assertRecap("web1", 0, 0, 0, 0, 1, 0, 0);
        r.assertRecap("web2", 0, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void anyErrorsFatalOnOneTaskOnlyAppliesToThatTask() {
        RunResult r = EngineRun.playbook("failures/any_errors_fatal_task.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("tolerated failure"), r.tasksRunOn("web1"));
        assertEquals(List.of("tolerated failure", "fatal failure"), r.tasksRunOn("web3"));
        assertFalse(r.out().contains("TASK [after the fatal one]"), r.toString());
    }

    /** Checked with ansible-playbook 2.14: the nearest any_errors_fatal written wins, a false one too. */
    @Test
    void anyErrorsFatalFalseOnATaskOrBlockWinsOverThePlays() {
        RunResult r = EngineRun.playbook("failures/any_errors_fatal_off.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.banners().contains("NO MORE HOSTS LEFT"), r.toString());
        assertEquals("ok", r.status("the others go on", "web3"), r.toString());
        r.assertRecap("web1", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("web2", 0, 0, 0, 1, 1, 0, 0);
        r.assertRecap("web3", 1, 0, 0, 0, 2, 0, 0);
    }

    @Test
    void anyErrorsFatalWaitsForTheBlocksAlwaysLikeAnsible() {
        RunResult r = EngineRun.playbook("failures/any_errors_fatal_always.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("web3 fails", "always runs"), r.tasksRunOn("web3"), "always runs, then the failed host leaves");
        assertEquals(List.of("web3 fails", "always runs", "after"), r.tasksRunOn("web1"), "as ansible-playbook 2.14: " + r);
        assertFalse(r.banners().contains("NO MORE HOSTS LEFT"), r.toString());
        r.assertRecap("web3", 1, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void maxFailPercentageIsStrictlyGreater() {
        RunResult r = EngineRun.playbook("failures/max_fail_percentage.yml", "-i", EngineRun.fixture("inventory/fleet.yml"),
                "-e", "{\"broken\": 3}");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("ok", r.status("after the check", "h10"), "30% failed is not more than 30%: the play goes on");
        assertFalse(r.banners().contains("NO MORE HOSTS LEFT"), r.toString());
    }

    @Test
    void maxFailPercentageExceededStopsThePlay() {
        RunResult r = EngineRun.playbook("failures/max_fail_percentage.yml", "-i", EngineRun.fixture("inventory/fleet.yml"),
                "-e", "{\"broken\": 4}");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.banners().contains("NO MORE HOSTS LEFT"), r.toString());
        // as ansible-playbook's callbacks (and its output): once for the break, once because every host is now failed
        assertEquals(2, r.events("no_more_hosts").size(), r.toString());
        assertFalse(r.out().contains("TASK [after the check]"), r.toString());
        r.assertRecap("h04", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("h05", 0, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void serialIntegerRunsTheWholePlayPerBatchInOrder() {
        RunResult r = EngineRun.playbook("failures/serial_int.yml", "-i", EngineRun.fixture("inventory/fleet.yml"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(List.of("h01", "h02", "h03"), List.of("h04", "h05", "h06"), List.of("h07", "h08", "h09"),
                List.of("h10")), batches(r));
    }

    @Test
    void serialPercentIsFlooredOfThePlayHosts() {
        RunResult r = EngineRun.playbook("failures/serial_percent.yml", "-i", EngineRun.fixture("inventory/fleet.yml"));
        assertEquals(List.of(List.of("h01", "h02"), List.of("h03", "h04"), List.of("h05", "h06"), List.of("h07", "h08"),
                List.of("h09", "h10")), batches(r));
    }

    @Test
    void serialListRepeatsItsLastSize() {
        RunResult r = EngineRun.playbook("failures/serial_list.yml", "-i", EngineRun.fixture("inventory/fleet.yml"));
        assertEquals(List.of(List.of("h01"), List.of("h02", "h03", "h04"), List.of("h05", "h06", "h07", "h08"),
                List.of("h09", "h10")), batches(r));
    }

    @Test
    void serialMayBeATemplate() {
        RunResult r = EngineRun.playbook("failures/serial.yml", "-i", EngineRun.fixture("inventory/fleet.yml"),
                "-e", "batch_spec=4");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(List.of("h01", "h02", "h03", "h04"), List.of("h05", "h06", "h07", "h08"), List.of("h09", "h10")),
                batches(r, "first"));
    }

    @Test
    void thePlayBannerIsPrintedForEachBatch() {
        RunResult r = EngineRun.playbook("failures/serial_int.yml", "-i", EngineRun.fixture("inventory/fleet.yml"));
        assertEquals(4, r.banners().stream().filter(b -> b.equals("PLAY [batches of three]")).count(), r.toString());
    }

    @Test
    void aBatchThatFailsEntirelyStopsThePlaybook() {
        RunResult r = EngineRun.playbook("failures/serial_batch_fails.yml", "-i", EngineRun.fixture("inventory/fleet.yml"));
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.banners().contains("NO MORE HOSTS LEFT"), "ansible-playbook prints it only for any_errors_fatal and max_fail_percentage: " + r);
        assertTrue(r.tasksRunOn("h03").isEmpty(), r.toString());
        assertFalse(r.out().contains("PLAY [never runs]"), r.toString());
    }

    @Test
    void aPartlyFailedBatchLetsTheNextBatchRun() {
        RunResult r = EngineRun.playbook("failures/serial_partial_failure.yml", "-i", EngineRun.fixture("inventory/fleet.yml"));
        assertEquals(2, r.exitCode(), r.toString());
        r.assertRecap("h02", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("h07", 1, 0, 0, 0, 1, 0, 0);
    }

    private static List<Object> batches(RunResult r) {
        return batches(r, "batch");
    }

    /** The distinct values of ansible_play_batch printed by a debug task, in order. */
    private static List<Object> batches(RunResult r, String task) {
        return r.events("host_result").stream().filter(e -> task.equals(e.get("task")))
                .map(e -> (Object) ((Map<?, ?>) e.get("result")).get("msg")).distinct().toList();
    }
}
