package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Static imports whose names are templates (includes/templated/, which ends the same with Debian's ansible-playbook
 * 2.14): import_playbook with extra vars and its own vars, import_tasks with play vars, vars_files, task vars, block
 * vars and playbook_dir, import_role's name and tasks_from, a role's import_tasks with role_path and the role's
 * defaults, and a templated allow_duplicates: false that runs a twice-imported role once.
 */
class TemplatedImportsTest {
    @Test
    void staticImportNamesAreRenderedWithWhatIsKnownWhenThePlaybookIsRead() {
        RunResult r = EngineRun.cli(EngineRun.fixture("includes/templated/imports.yml"), "-i", "localhost,", "-c", "local",
                "-e", "first=play-a.yml", "-e", "role=greeter");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 9, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void aVariableNotKnownWhenThePlaybookIsReadIsAnErrorBeforeTheRun() {
        String playbook = EngineRun.fixture("includes/templated/undefined.yml");
        RunResult r = EngineRun.cli(playbook, "-i", "localhost,", "-c", "local");
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        String expected = "ERROR: " + playbook + ":4:21: static import: undefined variable 'nowhere' (a static import's name can use "
                + "vars, vars_files and extra vars (-e), not facts or inventory variables: use include_tasks or include_role "
                + "for those)";
        assertTrue(r.err().lines().anyMatch(expected::equals), "expected\n" + expected + "\nin\n" + r);
    }

    @Test
    void anImportedPlaybooksNameWithoutItsExtraVarIsAnErrorBeforeTheRun() {
        RunResult r = EngineRun.cli(EngineRun.fixture("includes/templated/imports.yml"), "-i", "localhost,", "-c", "local",
                "-e", "role=greeter");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("imports.yml:4:20: static import: undefined variable 'first'"), r.toString());
    }
}
