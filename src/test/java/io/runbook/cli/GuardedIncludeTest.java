package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task file named by an include_tasks that may never run (a condition, a loop, a rescue, a handler, a place after a
 * task that always ends the host) is read before
 * the run, but a mistake in it is a warning then, and stops the whole run if the include runs (ERROR! on stderr, no recap, exit
 * 4), as ansible-playbook reads an included file only when it includes it and stops at a parser error in it (its exit
 * 4). A file named by an include that always runs is still checked before anything runs (exit 3).
 */
class GuardedIncludeTest {
    private static final String DIR = "input/guarded_includes/";
    private static final String BROKEN = EngineRun.FIXTURES.resolve(DIR + "tasks/windows_only.yml") + ":3:3: 'win_file' is "
            + "ansible.windows.win_file, a PowerShell module for Windows hosts, which the engine does not run (it runs "
            + "Ansible's Python modules)";

    @Test
    void mistakesInFilesOfIncludesThatNeverRunAreWarningsAndTheRunGoesAhead() {
        RunResult r = EngineRun.playbook(DIR + "never_included.yml");
        assertEquals(0, r.exitCode(), r.toString());
        String book = EngineRun.FIXTURES.resolve(DIR + "never_included.yml").toString();
        String guardedInside = EngineRun.FIXTURES.resolve(DIR + "tasks/guarded_inside.yml").toString();
        List<String> warnings = Warnings.list(r.err()).stream().filter(l -> l.startsWith("[WARNING]: ")).toList();
        // one warning per include that names the file: the when, the loop, the rescue, the include reached only through
        // a block's condition, the handler
        assertEquals(List.of(book + ":8:22", book + ":11:22", book + ":19:26", guardedInside + ":2:18", book + ":29:22"),
                warnings.stream().map(w -> w.substring("[WARNING]: ".length(), w.indexOf(": this include"))).toList(),
                r.toString());
        warnings.forEach(w -> assertTrue(w.endsWith(": this include may not run, so its file is not checked before the run;"
                + " if it runs, the run stops there: " + BROKEN), w));
        r.assertRecap("web1", 4, 0, 0, 0, 3, 0, 0);
        assertEquals("fine", r.msg("included and fine", "web1"), r.toString());
    }

    @Test
    void aGuardedIncludeThatRunsStopsTheRunWithTheMistakeInItsFile() {
        RunResult r = EngineRun.playbook(DIR + "included_when_true.yml");
        assertEquals(4, r.exitCode(), r.toString());
        assertEquals(List.of("Gathering Facts", "before"), r.tasksRunOn("web1"), r.toString());
        assertTrue(r.out().contains("TASK [only on Windows]"), r.toString());
        assertTrue(r.err().contains("ERROR! " + BROKEN), r.toString());
        assertFalse(r.out().contains("included: "), "the file is read before its 'included:' line, as Ansible: " + r);
        assertFalse(r.out().contains("TASK [after]"), r.toString());
        assertFalse(r.out().contains("PLAY RECAP"), "ansible-playbook prints no recap after a parser error: " + r);
    }

    @Test
    void aHandlerThatIncludesABrokenFileStopsTheRunWhenNotified() {
        RunResult r = EngineRun.playbook(DIR + "notified_handler.yml");
        assertEquals(4, r.exitCode(), r.toString());
        assertTrue(r.out().contains("RUNNING HANDLER [clean up on Windows]"), r.toString());
        assertTrue(r.err().contains("ERROR! " + BROKEN), r.toString());
        assertFalse(r.out().contains("PLAY RECAP"), r.toString());
    }

    @Test
    void includesAfterATaskThatAlwaysEndsTheHostAreNeverReachedSoTheirMistakesAreWarnings() {
        // checked with ansible-playbook 2.14: the same recap, exit 2 (web1's fail)
        RunResult r = EngineRun.cli(EngineRun.fixture(DIR + "after_ending_task.yml"), "-i", "web1,web2", "-c", "local");
        assertEquals(2, r.exitCode(), r.toString());
        String book = EngineRun.FIXTURES.resolve(DIR + "after_ending_task.yml").toString();
        List<String> warnings = Warnings.list(r.err()).stream().filter(l -> l.startsWith("[WARNING]: ")).toList();
        assertEquals(List.of(book + ":10:26", book + ":14:22"),
                warnings.stream().map(w -> w.substring("[WARNING]: ".length(), w.indexOf(": this include"))).toList(),
                r.toString());
        r.assertRecap("web1", 0, 0, 0, 1, 1, 0, 0);
    }

    @Test
    void anIncludedFileThatHoldsNoListOfTasksFailsTheHostsThatIncludeItAsInAnsible() {
        // checked with ansible-playbook 2.14: web1 failed=1, web2 ok=1 skipped=1, exit 2
        RunResult r = EngineRun.cli(EngineRun.fixture(DIR + "not_a_list.yml"), "-i", "web1,web2", "-c", "local");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("failed", r.status("only web1 includes it", "web1"), r.toString());
        assertTrue(r.out().contains("included task files must contain a list of tasks"), r.toString());
        assertEquals("ok", r.status("after", "web2"), r.toString());
        r.assertRecap("web1", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("web2", 1, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void aFileAlsoNamedByAnIncludeThatAlwaysRunsIsRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.playbook(DIR + "unguarded_too.yml");
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        assertEquals("ERROR: " + BROKEN, r.err().lines().filter(l -> l.startsWith("ERROR")).findFirst().orElse(""), r.toString());
    }

    @Test
    void aFileIncludedAtRunTimeThatCannotBeParsedStopsTheWholeRunAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("input/runtime_parse/site.yml"), "-i", "web1,web2", "-c", "local");
        assertEquals(4, r.exitCode(), r.toString());
        String file = EngineRun.FIXTURES.resolve("input/runtime_parse/bad_yaml.yml").toString();
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("ERROR! " + file + ":") && l.contains("invalid YAML")), r.toString());
        assertEquals(List.of("a file that is not there", "fine"), r.tasksRunOn("web1"), r.toString());
        assertEquals("failed", r.status("a file that is not there", "web2"), "a missing file fails only its hosts: " + r);
        assertFalse(r.out().contains("rescued") || r.out().contains("after") || r.out().contains("later"), r.toString());
        assertFalse(r.out().contains("PLAY RECAP"), r.toString());
    }

    @Test
    void aTaskFileThatIsNotThereFailsTheHostForTheRunWhateverIgnoreErrorsOrARescueSaysAsAnsiblePlaybook() {
        RunResult r = EngineRun.cli(EngineRun.fixture("failures/include_missing/site.yml"), "-i", "web1,web2", "-c", "local");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("failed", r.status("a file that is not there for web1", "web1"), r.toString());
        assertFalse(r.out().contains("...ignoring"), "ignore_errors does not cover a file that cannot be loaded: " + r);
        assertEquals(List.of("a file that is not there for web1"), r.tasksRunOn("web1"), r.toString());
        assertEquals(List.of("in the file that is there", "a file that is not there for web2 too", "rescued",
                "after the block"), r.tasksRunOn("web2"), r.toString());
        assertFalse(r.out().contains("a later play"), "every host failed for the run: the playbook stops\n" + r);
        r.assertRecap("web1", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("web2", 4, 0, 0, 1, 0, 0, 0);
    }
}
