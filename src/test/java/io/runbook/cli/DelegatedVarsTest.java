package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delegated task's variables, as ansible-core 2.14's {@code ansible_delegated_vars}: the play's connection and
 * interpreter variables reach the delegate over its own inventory's (engine/delegate-vars: d1's inventory says ssh
 * to port 1 and a Python that is missing, the play says local and the controller's Python), its block and task vars
 * too, while the task's templates see the host's variables. Run as a user runs it (relative paths, in a copy of the
 * folder), by ansible-playbook and by the engine: the same output.
 */
class DelegatedVarsTest {
    @TempDir
    Path dir;

    @Test
    void theDelegatesVariablesAreItsInventorysUnderThePlaysBlocksAndTasksAsAnsibles() throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-vars")), dir);
        String engine = same();
        assertTrue(engine.contains("changed: [h1 -> d1(127.0.0.1)]"), "the play's local connection, not d1's ssh: " + engine);
        assertTrue(engine.contains("\"msg\": \"delegated ssh d1\""), "hostvars has no play vars: " + engine);
        assertTrue(engine.contains("\"msg\": \"local /usr/bin/python3 h1 1\""),
                "the host's variables in the templates, the delegate's ansible_port the host lacks: " + engine);
        assertTrue(flat(engine).contains(flat("\"h1\", \"d1\", \"play\", \"block\", \"local\", 5, [\"ungrouped\"]")), engine);
    }

    @Test
    void theDelegatesConnectionIsThePlaysAsAnsibleEstablishesIt() throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-vars")), dir);
        List<String> ansible = established(run("/usr/bin/ansible-playbook", "-vvv"));
        assertEquals(List.of("<127.0.0.1> ESTABLISH LOCAL CONNECTION FOR USER: " + System.getProperty("user.name")), ansible);
        assertEquals(ansible, established(run(null, "-vvv")));
    }

    /** The playbook's output, the same from ansible-playbook and the engine (both succeed); the engine's. */
    private String same() throws Exception {
        String ansible = run("/usr/bin/ansible-playbook");
        String engine = run(null);
        assertEquals(flat(ansible), flat(engine), engine);
        return engine;
    }

    private static List<String> established(String out) {
        return out.lines().filter(l -> l.contains("ESTABLISH")).toList();
    }

    /** {@code program} (null: the engine) run on site.yml in the copy; its standard output, once it succeeded. */
    private String run(String program, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-i", "hosts.yml", "site.yml"));
        args.addAll(List.of(more));
        return FolderRun.succeeded(dir, program, args);
    }

    private static String flat(String text) {
        return text.replaceAll("\\s", "");
    }
}
