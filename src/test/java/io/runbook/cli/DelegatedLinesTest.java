package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delegated task as ansible-core 2.14 shows it (engine/delegate-lines, run by ansible-playbook and by the engine):
 * its templates see the task's host's connection variables, the delegate's only where the host has none; its lines
 * show the delegate's address only for the results its action gave (not for a template error, an unreachable
 * delegate, a retry; a skipped line names the host alone), as its variables write it, a template too, and a loop's own
 * line names its delegate_to as written; a delegate the inventory lacks has the variables Ansible
 * gives a host it makes for it.
 */
class DelegatedLinesTest {
    @TempDir
    Path dir;

    @Test
    void theTemplatesSeeTheHostsConnectionVariablesAndTheDelegatesWhereTheHostHasNone() throws Exception {
        String engine = same("templates.yml");
        assertTrue(flat(engine).contains(flat("ok: [h1 -> d1(127.0.0.1)] => {\"msg\": \"host=127.0.0.1 user=d1user port=2200 inv=h1\"}")), engine);
        assertTrue(flat(engine).contains(flat("ok: [h2 -> d1(127.0.0.1)] => {\"msg\": \"host=127.0.0.2 user=h2user port=2222 inv=h2\"}")), engine);
        assertTrue(flat(engine).contains(flat("ok: [h1 -> 127.0.0.1] => {\"msg\": \"host=127.0.0.1 user=U port=U\"}")), engine);
    }

    @Test
    void onlyTheResultsTheActionGaveShowTheDelegatesAddress() throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-lines")), dir);
        List<String> engine = labels(run(null, "lines.yml"));
        assertEquals(labels(run("/usr/bin/ansible-playbook", "lines.yml")), engine);
        assertEquals(List.of("changed: [h1 -> d1(127.0.0.1)]", "fatal: [h1 -> d1(127.0.0.1)]", "fatal: [h1 -> d1]",
                "skipping: [h1]", "changed: [h1 -> d1(127.0.0.1)]", "changed: [h1 -> d1(127.0.0.1)]",
                "failed: [h1 -> d1(127.0.0.1)]", "skipping: [h1]", "skipping: [h1]", "FAILED - RETRYING: [h1 -> d1]",
                "fatal: [h1 -> d1(127.0.0.1)]", "fatal: [h1 -> bad]"), engine);
    }

    @Test
    void theAddressIsTheDelegatesAnsibleHostAsWrittenAndALoopsLineItsDelegateToAsWritten() throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-lines")), dir);
        List<String> engine = labels(run(null, "addresses.yml"));
        assertEquals(labels(run("/usr/bin/ansible-playbook", "addresses.yml")), engine);
        assertEquals(List.of("changed: [h1 -> d2({{ addr }})]", "changed: [h1 -> d9(127.0.0.{{ 1 }})]", "failed: [h1 -> d1(127.0.0.1)]",
                "failed: [h1 -> d2({{ addr }})]", "failed: [h1 -> d2({{ addr }})]", "failed: [h1 -> bad]", "fatal: [h1 -> {{ item }}]",
                "failed: [h1 -> bad]", "fatal: [h1 -> bad]"), engine);
    }

    @Test
    void aDelegateTheInventoryLacksHasTheAllGroupsThePlaysAndTheTasksVariables() throws Exception {
        String engine = same("outsider.yml");
        assertTrue(flat(engine).contains(flat("[\"h1\", \"all\", \"play\", \"block\", \"task\", []]")), engine);
    }

    /** Each result line's status and host label, in order. */
    private static List<String> labels(String out) {
        return out.lines().filter(l -> l.matches("^(\\w+|FAILED - RETRYING): \\[.*")).map(l -> l.replaceAll("^([^\\[]*\\[[^\\]]*\\]).*", "$1"))
                .toList();
    }

    /** {@code program} (null: the engine) run on {@code playbook} in the copy, one host at a time; its standard output. */
    private String run(String program, String playbook) throws Exception {
        return FolderRun.succeeded(dir, program, List.of("-i", "hosts.yml", "--forks", "1", playbook));
    }

    /** {@code playbook}'s output, the same from ansible-playbook and the engine; the engine's. */
    private String same(String playbook) throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-lines")), dir);
        String engine = run(null, playbook);
        assertEquals(flat(run("/usr/bin/ansible-playbook", playbook)), flat(engine), engine);
        return engine;
    }

    private static String flat(String text) {
        return text.replaceAll("\\s", "");
    }
}
