package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delegated task as ansible-core 2.14 shows it (engine/delegate-lines, run by ansible-playbook and by the engine):
 * its templates see the task's host's connection variables, the delegate's only where the host has none; its lines
 * show the delegate's address only for the results its action gave (not for a template error, an unreachable
 * delegate, a retry; a skipped line names the host alone); a delegate the inventory lacks has the variables Ansible
 * gives a host it makes for it.
 */
class DelegatedLinesTest {
    @TempDir
    Path dir;

    @Test
    void theTemplatesSeeTheHostsConnectionVariablesAndTheDelegatesWhereTheHostHasNone() throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-lines")), dir);
        String engine = run(null, "templates.yml");
        assertEquals(flat(run("/usr/bin/ansible-playbook", "templates.yml")), flat(engine), engine);
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
    void aDelegateTheInventoryLacksHasTheAllGroupsThePlaysAndTheTasksVariables() throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-lines")), dir);
        String engine = run(null, "outsider.yml");
        assertEquals(flat(run("/usr/bin/ansible-playbook", "outsider.yml")), flat(engine), engine);
        assertTrue(flat(engine).contains(flat("[\"h1\", \"all\", \"play\", \"block\", \"task\", []]")), engine);
    }

    /** Each result line's status and host label, in order. */
    private static List<String> labels(String out) {
        return out.lines().filter(l -> l.matches("^(\\w+|FAILED - RETRYING): \\[.*")).map(l -> l.replaceAll("^([^\\[]*\\[[^\\]]*\\]).*", "$1"))
                .toList();
    }

    /** {@code program} (null: the engine) run on {@code playbook} in the copy, one host at a time; its standard output. */
    private String run(String program, String playbook) throws Exception {
        List<String> command = new ArrayList<>(EngineJvm.commandOf(program));
        command.addAll(List.of("-i", "hosts.yml", "--forks", "1", playbook));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ANSIBLE_"));
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out + Files.readString(dir.resolve("err.txt")));
        return out;
    }

    private static String flat(String text) {
        return text.replaceAll("\\s", "");
    }
}
