package io.runbook.cli;

import static io.runbook.cli.HostileInputTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Values that make no sense — negative delays, text for a count, a loop over a number, a malformed vars file, a
 * task file that includes itself, zero forks — are input errors found before anything runs: exit 3 at their
 * {@code file:line:col}, or exit 5 (bad usage) naming the command-line option.
 */
class BadValuesTest {
    private static final String CLI_PLAYBOOK = EngineRun.fixture("input/nulls.yml");

    @Test
    void aNegativeDelayIsRefused() {
        refused("delay_negative.yml", "10:14", "delay must be a number of seconds of at least 0 (or a duration like 10s), got '-5'");
    }

    @Test
    void retriesThatAreNotANumberAreRefused() {
        refused("retries_text.yml", "9:16", "retries must be a whole number of at least 0 (how often to try again), got 'x'");
    }

    @Test
    void aTimeoutThatIsNotADurationIsRefused() {
        refused("timeout_forever.yml", "8:16", "timeout must be a number of seconds or a duration like 90s or 10m (0 for none),"
                + " got 'forever'");
    }

    @Test
    void theStaticKeywordIsRefusedAsAnsibleCore214RefusesIt() {
        refused("static_include.yml", "6:7", "'static' is not a valid attribute for a TaskInclude (leave it out: import_tasks"
                + " and import_role are static, include_tasks and include_role dynamic)");
    }

    @Test
    void aLoopOverANumberIsRefused() {
        refused("loop_scalar.yml", "8:13", "loop must be a list, or a template that gives one, got '5'");
    }

    @Test
    void aTemplatedDelayThatRendersNegativeFailsItsTaskWithTheSameMessage() {
        RunResult r = EngineRun.playbook("input/delay_template.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(EngineRun.FIXTURES.resolve("input/delay_template.yml") + ":6:7: delay must be a number of seconds of at"
                + " least 0 (or a duration like 10s), got '-5'", r.registered("retried", "web1").get("msg"), r.toString());
    }

    @Test
    void aVarsFileThatIsNotAMappingIsRefusedBeforeAnythingRuns() {
        HostileInputTest.refusedRun(EngineRun.playbook("input/vars_file_list.yml"),
                EngineRun.FIXTURES.resolve("input/vars/a_list.yml") + ":1:1",
                "a vars file must be a mapping of variables, got a list (write one 'name: value' per line)");
    }

    @Test
    void aVarsFileOfBadYamlInALaterPlayStopsTheFirstPlay() {
        RunResult r = EngineRun.playbook("input/vars_file_bad_yaml.yml");
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), r.toString());
        assertTrue(r.err().startsWith("ERROR: " + EngineRun.FIXTURES.resolve("input/vars/bad_yaml.yml") + ":2:1: invalid YAML: "),
                r.toString());
    }

    @Test
    void aTaskFileThatIncludesItselfIsFoundBeforeAnythingRuns() {
        HostileInputTest.refusedRun(EngineRun.playbook("input/include_self.yml"),
                EngineRun.FIXTURES.resolve("input/tasks/includes_itself.yml") + ":2:18",
                "include_tasks cycle: " + EngineRun.FIXTURES.resolve("input/tasks/includes_itself.yml").toAbsolutePath()
                        + " includes itself with no condition to end it, so it would never stop"
                        + " (add a 'when' that ends the repetition, or use a loop)");
    }

    @Test
    void aTemplatedSelfIncludeIsStoppedAtADepthWithAClearMessage() {
        RunResult r = EngineRun.playbook("input/include_self_templated.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("is nested 50 includes deep: a task file that includes itself with nothing to end it?"
                + " (add a 'when' that ends the repetition)"), r.toString());
        assertFalse(r.err().contains("StackOverflow"), r.toString());
        r.assertRecap("web1", 50, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void aSelfIncludeThatAConditionEndsRunsAsInAnsible() {
        RunResult r = EngineRun.playbook("input/include_self_guarded.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, r.msg("counted", "web1"), r.toString());
    }

    @Test
    void zeroForksIsAnInputErrorNamingTheOption() {
        RunResult r = EngineRun.cli(CLI_PLAYBOOK, "-i", EngineRun.fixture("inventory/hosts.yml"), "-f", "0");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("ERROR: --forks: must be at least 1 (hosts worked on at once), got 0", r.err().strip());
        assertFalse(r.out().contains("PLAY ["), r.toString());
    }

    @Test
    void aNegativeTaskTimeoutIsAnInputErrorNamingTheOption() {
        RunResult r = EngineRun.cli(CLI_PLAYBOOK, "-i", EngineRun.fixture("inventory/hosts.yml"), "--task-timeout", "-5");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("ERROR: --task-timeout: must be a number of seconds, 0 for none, got -5", r.err().strip());
    }

    @Test
    void aTaskStoppedByTaskTimeoutNamesTheOptionNotTheKeyword() {
        RunResult r = EngineRun.playbook("input/slow_task.yml", "--task-timeout", "1");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("The probe action failed to execute in the expected time frame (1) and was terminated"
                + " (the limit of --task-timeout)", r.registered("slow", "web1").get("msg"), r.toString());
    }

    @Test
    void noArgumentsAtAllIsBadUsageWithTheUsage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(5, code, out + "\n" + err);
        assertTrue(err.toString().startsWith("Usage: engine.jar"), err.toString());
        assertTrue(err.toString().strip().endsWith("ERROR: a command or a playbook is required"), err.toString());
    }
}
