package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task file named by an include_tasks that may never run (a condition, a loop, a rescue, a handler) is read before
 * the run, but a mistake in it is a warning then and the include's failure if it runs, as Ansible reads an included
 * file only when it includes it. A file named by an include that always runs is still checked before anything runs.
 */
class GuardedIncludeTest {
    private static final String DIR = "input/guarded_includes/";
    private static final String BROKEN = EngineRun.FIXTURES.resolve(DIR + "tasks/windows_only.yml") + ":3:3: unknown module 'win_file'";

    @Test
    void mistakesInFilesOfIncludesThatNeverRunAreWarningsAndTheRunGoesAhead() {
        RunResult r = EngineRun.playbook(DIR + "never_included.yml");
        assertEquals(0, r.exitCode(), r.toString());
        String book = EngineRun.FIXTURES.resolve(DIR + "never_included.yml").toString();
        String guardedInside = EngineRun.FIXTURES.resolve(DIR + "tasks/guarded_inside.yml").toString();
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("[WARNING]: ")).toList();
        // one warning per include that names the file: the when, the loop, the rescue, the include reached only through
        // a block's condition, the handler
        assertEquals(List.of(book + ":8:22", book + ":11:22", book + ":19:26", guardedInside + ":2:18", book + ":29:22"),
                warnings.stream().map(w -> w.substring("[WARNING]: ".length(), w.indexOf(": this include"))).toList(),
                r.toString());
        warnings.forEach(w -> assertTrue(w.endsWith(": this include may not run, so its file is not checked before the run;"
                + " if it runs, it fails: " + BROKEN), w));
        r.assertRecap("web1", 4, 0, 0, 0, 3, 0, 0);
        assertEquals("fine", r.msg("included and fine", "web1"), r.toString());
    }

    @Test
    void aGuardedIncludeThatRunsFailsWithTheMistakeInItsFile() {
        RunResult r = EngineRun.playbook(DIR + "included_when_true.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("Gathering Facts", "before", "only on Windows"), r.tasksRunOn("web1"), r.toString());
        assertEquals("failed", r.status("only on Windows", "web1"), r.toString());
        assertEquals(BROKEN, r.registered("only on Windows", "web1").get("msg"), r.toString());
        r.assertRecap("web1", 3, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void aHandlerThatIncludesABrokenFileFailsWhenNotified() {
        RunResult r = EngineRun.playbook(DIR + "notified_handler.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("failed", r.status("clean up on Windows", "web1"), r.toString());
        assertEquals(BROKEN, r.registered("clean up on Windows", "web1").get("msg"), r.toString());
    }

    @Test
    void aFileAlsoNamedByAnIncludeThatAlwaysRunsIsRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.playbook(DIR + "unguarded_too.yml");
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        assertEquals("ERROR: " + BROKEN, r.err().lines().filter(l -> l.startsWith("ERROR")).findFirst().orElse(""), r.toString());
    }
}
