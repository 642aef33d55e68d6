package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loop on an unreachable host as ansible-core 2.14 shows it (engine/unreachable-loop, run by ansible-playbook and
 * by the engine): a {@code failed:} line per item (the item's result without changed), then
 * {@code fatal: [h]: UNREACHABLE!} with the loop's result ("All items completed", its items), {@code ...ignoring}
 * under ignore_unreachable; the registered result has no unreachable flag of its own. The connection's message is
 * each program's own (OpenSSH's words against the engine's), so it is compared as a placeholder.
 */
class UnreachableLoopTest {
    @TempDir
    Path dir;

    @Test
    void eachItemFailsThenTheLoopIsUnreachableWithItsItems() throws Exception {
        EngineRun.copyTree(Path.of(EngineRun.fixture("unreachable-loop")), dir);
        String engine = run(null);
        assertEquals(masked(run("/usr/bin/ansible-playbook")), masked(engine), engine);
        assertTrue(engine.contains("failed: [down] (item=1) => {\"ansible_loop_var\": \"item\", \"item\": 1, \"msg\": "), engine);
        assertTrue(engine.contains("fatal: [down]: UNREACHABLE! => {\"changed\": false, \"msg\": \"All items completed\", "
                + "\"results\": [{\"ansible_loop_var\": \"item\", \"item\": 1, \"msg\": "), engine);
    }

    private String run(String program) throws Exception {
        return FolderRun.succeeded(dir, program, List.of("-i", "hosts.yml", "loop.yml"));
    }

    /** The output without its line breaks and spaces, each connection message a placeholder. */
    private static String masked(String out) {
        return out.replaceAll("\"msg\": \"[^\"]*(?:connect|SSH|ssh)[^\"]*\"", "\"msg\": \"<unreachable>\"").replaceAll("\\s", "");
    }
}
