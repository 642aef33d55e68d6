package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModesTest {
    private static boolean checked(RunResult r, String task) {
        return (Boolean) r.registered(task, "web1").get("check_mode");
    }

    @Test
    void checkModeReachesModulesAndTaskCheckModeOverridesTheCommandLine() {
        RunResult normal = EngineRun.playbook("modes/modes.yml");
        assertEquals(0, normal.exitCode(), normal.toString());
        assertFalse(checked(normal, "follows the command line"));
        assertTrue(checked(normal, "always checks"));
        assertFalse(checked(normal, "never checks"));
        RunResult check = EngineRun.playbook("modes/modes.yml", "--check");
        assertTrue(checked(check, "follows the command line"), check.toString());
        assertTrue(checked(check, "always checks"));
        assertFalse(checked(check, "never checks"));
    }

    @Test
    void checkModeAsATemplateIsRenderedWhenTheTaskRunsAndOmitTakesTheLevelAbove() {
        RunResult normal = EngineRun.playbook("modes/templated-check.yml");
        assertEquals(0, normal.exitCode(), normal.toString());
        assertTrue(checked(normal, "from a variable"), normal.toString());
        assertTrue(checked(normal, "omit takes the block's"));
        assertFalse(checked(normal, "omit with nothing above follows the command line"));
        assertTrue(checked(EngineRun.playbook("modes/templated-check.yml", "--check"), "omit with nothing above follows the command line"));
    }

    @Test
    void aModuleThatCannotPredictIsSkippedInCheckModeWithAReason() {
        RunResult r = EngineRun.playbook("modes/modes.yml", "-C");
        assertEquals("skipped", r.status("cannot predict", "web1"), r.toString());
        assertTrue(String.valueOf(r.registered("cannot predict", "web1").get("msg")).contains("check mode"), r.toString());
        assertEquals("changed", EngineRun.playbook("modes/modes.yml").status("cannot predict", "web1"));
    }

    @Test
    void diffIsPrintedOnlyInDiffModeAndNotWhereATaskTurnsItOff() {
        RunResult plain = EngineRun.playbook("modes/modes.yml");
        assertFalse(plain.out().contains("+new line"), plain.toString());
        RunResult diff = EngineRun.playbook("modes/modes.yml", "--diff");
        assertEquals(1, diff.lines().stream().filter(l -> l.equals("+new line")).count(), "only the task without diff: false: " + diff);
        List<String> lines = diff.lines();
        int at = lines.indexOf("--- before: probe web1");
        assertEquals(List.of("--- before: probe web1", "+++ after: probe web1", "@@ -1 +1 @@", "-old line", "+new line", "",
                "changed: [web1]"), lines.subList(at, at + 7), diff.toString());
    }

    @Test
    void theDiffOfANewOrEmptiedFileHasDifflibsHunkHeaders(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String dest = dir.resolve("new.txt").toString();
        RunResult r = EngineRun.cli(EngineRun.fixture("modes/diff_new_file.yml"), "-i", "localhost,", "--diff", "-e", "dest=" + dest);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.lines();
        int created = lines.indexOf("--- before");
        assertEquals(List.of("--- before", "+++ after: dynamically generated", "@@ -0,0 +1,2 @@", "+first", "+second"),
                lines.subList(created, created + 5), r.toString());
        int emptied = lines.indexOf("--- before: " + dest);
        assertEquals(List.of("--- before: " + dest, "+++ after: dynamically generated", "@@ -1,2 +0,0 @@", "-first", "-second"),
                lines.subList(emptied, emptied + 5), r.toString());
        int copied = lines.lastIndexOf("--- before: " + dest);
        String source = java.nio.file.Path.of(EngineRun.fixture("modes/diff_source.txt")).toAbsolutePath().toString();
        assertEquals(List.of("--- before: " + dest, "+++ after: " + source, "@@ -0,0 +1,2 @@", "+l1", "+l2"),
                lines.subList(copied, copied + 5), r.toString());
        // the file module's diff has no headers, as Ansible's
        int folder = lines.lastIndexOf("--- before");
        assertEquals(List.of("--- before", "+++ after", "@@ -1,5 +1,5 @@", " {"), lines.subList(folder, folder + 4), r.toString());
        assertTrue(lines.contains("-    \"state\": \"absent\"") && lines.contains("+    \"state\": \"directory\""), r.toString());
    }

    @Test
    void checkAndDiffModesAreVisibleAsVariables() {
        Map<?, ?> normal = (Map<?, ?>) EngineRun.playbook("modes/modes.yml").msg("modes as variables", "web1");
        assertEquals(Map.of("check", false, "diff", false), normal);
        Map<?, ?> both = (Map<?, ?>) EngineRun.playbook("modes/modes.yml", "-C", "-D").msg("modes as variables", "web1");
        assertEquals(Map.of("check", true, "diff", true), both);
    }

    @Test
    void noLogCensorsOutputAndEventsButNotTheRegisteredValue() {
        RunResult r = EngineRun.playbook("modes/modes.yml", "-v");
        Map<String, Object> secret = r.registered("secret", "web1");
        assertEquals("the output has been hidden due to the fact that 'no_log: true' was specified for this result",
                secret.get("censored"));
        assertFalse(secret.containsKey("msg"), r.toString());
        assertEquals("the password is hunter2", r.msg("secret stays in the registered result", "web1"));
    }

    @Test
    void environmentFromPlayAndTaskReachesTheModule() {
        RunResult r = EngineRun.playbook("modes/modes.yml");
        assertEquals(Map.of("PLAY_ENV", "from play", "TASK_ENV", "from task"), r.registered("environment", "web1").get("environment"));
        assertEquals(Map.of("PLAY_ENV", "from play"), r.registered("always checks", "web1").get("environment"));
    }

    @Test
    void playLevelCheckModeDiffAndNoLogAreInherited() {
        RunResult r = EngineRun.playbook("modes/play_modes.yml", "-v");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(checked(r, "inherits check and diff"), r.toString());
        assertTrue(r.lines().contains("+new line"), "play diff: true shows the diff: " + r);
        assertEquals(1, r.lines().stream().filter(l -> l.equals("+new line")).count(), "no_log hides the diff: " + r);
        assertFalse(r.out().contains("s3cr3t-t0ken"), r.toString());
        assertFalse(r.events().toString().contains("s3cr3t-t0ken"), r.toString());
        assertTrue(r.registered("inherits no_log", "web1").containsKey("censored"), r.toString());
    }

    @Test
    void timeoutFailsATaskThatTakesTooLong() {
        // the task would sleep 600 s: that it failed with the timeout's message shows it was stopped at 1 s (no clock read)
        RunResult r = EngineRun.playbook("modes/timeout.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("failed", r.status("too slow", "web1"));
        assertEquals("The probe action failed to execute in the expected time frame (1) and was terminated",
                r.registered("too slow", "web1").get("msg"), r.toString());
        assertFalse(r.out().contains("TASK [not reached]"), r.toString());
    }

    @Test
    void noLogHidesLoopItemsInOutputAndEventsAsAnsibleDoes() {
        RunResult r = EngineRun.playbook("modes/nolog_loop.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.out().contains("s3cret"), "the items are the secrets: " + r);
        assertFalse(r.events().toString().contains("s3cret"), r.toString());
        String censored = "{\"censored\": \"the output has been hidden due to the fact that 'no_log: true' was specified for this result\", \"changed\": false}";
        List<String> lines = r.lines().stream().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("PLAY [no_log loop] *************************************************************",
                "TASK [secrets in a loop] *******************************************************",
                "ok: [web1] => (item=None)",
                "ok: [web1] => (item=None)",
                "ok: [web1]",
                "TASK [secret failure in a loop] ************************************************",
                "failed: [web1] (item=None) => " + censored,
                "fatal: [web1]: FAILED! => " + censored,
                "...ignoring",
                "TASK [secret failure] **********************************************************",
                "fatal: [web1]: FAILED! => " + censored,
                "...ignoring",
                "PLAY RECAP *********************************************************************",
                "web1                       : ok=3    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=2   "),
                lines, r.toString());
    }

    @Test
    void environmentReachesARealProcess() {
        RunResult r = EngineRun.playbook("modes/command_env.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("from play", "from task"), r.msg("show", "web1"));
    }
}
