package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * type_debug and {@code __class__} name Ansible's own classes where ansible-playbook 2.14 has them: type_debug/classes.yml
 * asserts what ansible-playbook gives (it passes them all, ok=5; checked with Debian's ansible-core), in the default mode.
 */
class TypeDebugClassesTest {
    @Test
    void yamlTextUnsafeTextClassesAndTuplesAsAnsiblePlaybookHasThem() {
        passesAll("type_debug/classes.yml", 5);
    }

    @Test
    void registeredSetFactAndIncludeVarsResultsAreNoUnsafeData() {
        // ansible-playbook: ok=4, the facts' own classes (a lookup's text unsafe), another module's result unsafe
        passesAll("type_debug/registered_facts.yml", 4);
    }

    @Test
    void lookupLoopItemsAreUnsafeAndStringFiltersGiveNativeText() {
        // ansible-playbook: ok=6 (with_items' and query's items AnsibleUnsafeText, string filters NativeJinjaText)
        passesAll("type_debug/loops_and_filters.yml", 6);
    }

    /** The playbook ends as ansible-playbook's: rc 0, every task ok on localhost. */
    private static void passesAll(String playbook, int ok) {
        RunResult r = EngineRun.cli(Map.of(), EngineRun.fixture(playbook), "-i", EngineRun.fixture("type_debug/inventory.yml"));
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", ok, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void theImplicitLocalhostIsNamedByPlainText() {
        // ansible-playbook shows "str AnsibleUnicode": the implicit localhost's name is no YAML text, a loop item is
        RunResult r = EngineRun.cli(Map.of(), EngineRun.fixture("type_debug/implicit_localhost.yml"),
                "-i", EngineRun.fixture("type_debug/others.ini"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"str AnsibleUnicode\""), r.out());
    }
}
