package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * include_role whose name, tasks_from, public, allow_duplicates or rolespec_validate does not render (an undefined
 * variable): as ansible-playbook 2.14 (each fixture checked with it), no failure of the task but an error of the run:
 * the hosts' results, then {@code ERROR!} and no recap, whatever rescues or ignores the task's failures, the task
 * debugger not opened; ansible-playbook's exit code, 1 (a name, a {@code *_from}) or 4 (a field: its parser error).
 * An {@code apply} that is a template is refused before anything runs, as ansible-playbook refuses it.
 */
class UnrenderedIncludeRoleTest {
    private static RunResult run(String playbook) {
        return EngineRun.cliWithInput("", EngineRun.fixture("includes/" + playbook), "-i", "web1,web2", "-c", "local");
    }

    @Test
    void aRoleNameThatDoesNotRenderStopsTheRunAfterTheOtherHostsResults() {
        RunResult r = run("unrendered_role_name.yml");
        assertEquals(1, r.exitCode(), r.toString());
        String out = r.out().replace("*", "");
        // the error on stderr, as ansible-playbook's, after the results on stdout
        assertTrue(out.endsWith("TASK [include the role] \nskipping: [web1]\n"), r.toString());
        assertTrue(r.err().contains("ERROR! ") && r.err().contains("unrendered_role_name.yml:11:11: undefined variable 'nope'"),
                r.toString());
        assertFalse(r.out().contains("fatal:") || r.out().contains("rescued") || r.out().contains("never reached"), r.toString());
        assertFalse(r.out().contains("PLAY RECAP") || r.out().contains("[web2]"), r.toString());
        assertFalse(r.out().contains("(debug)"), "the debugger is not opened:\n" + r);
    }

    @Test
    void aTasksFromThatDoesNotRenderStopsTheRun() {
        RunResult r = run("unrendered_tasks_from.yml");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("ERROR! ") && r.err().contains("undefined variable 'nope'"), r.toString());
        assertFalse(r.out().contains("ERROR!"), r.toString());
        assertFalse(r.out().contains("fatal:") || r.out().contains("good role ran") || r.out().contains("never reached"), r.toString());
        assertFalse(r.out().contains("PLAY RECAP"), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "allow_duplicates", "rolespec_validate"})
    void aFieldThatDoesNotRenderStopsTheRunAfterTheOtherHostsResults(String field) {
        RunResult r = run("unrendered_" + field + ".yml");
        assertEquals(4, r.exitCode(), r.toString());
        String out = r.out().replace("*", "");
        // the error on stderr, as ansible-playbook's, after the results on stdout
        assertTrue(out.endsWith("TASK [include the role] \nskipping: [web1]\n"), r.toString());
        assertTrue(r.err().contains("ERROR! ") && r.err().contains("unrendered_" + field + ".yml:10:11: the field '" + field
                + "' has an invalid value: undefined variable 'nope'"), r.toString());
        assertFalse(r.out().contains("fatal:") || r.out().contains("rescued") || r.out().contains("never reached"), r.toString());
        assertFalse(r.out().contains("PLAY RECAP") || r.out().contains("[web2]"), r.toString());
    }

    @Test
    void anApplyThatIsATemplateIsRefusedBeforeAnythingRuns() {
        RunResult r = run("templated_apply.yml");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("templated_apply.yml:15:9: Expected a dict for apply but got a String instead"), r.toString());
        assertFalse(r.out().contains("PLAY [") || r.out().contains("never reached"), r.toString());
    }
}
