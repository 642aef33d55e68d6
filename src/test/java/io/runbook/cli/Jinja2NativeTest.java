package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ansible's jinja2_native mode (ANSIBLE_JINJA2_NATIVE=1, ansible.cfg's jinja2_native): jinja2_native/native.yml's
 * asserts hold in ansible-playbook 2.14 with the setting, and in the engine with it, given either way. Without it the
 * engine's own typing stays: the text "2" stays text and the second assert fails (ansible-playbook's default already
 * fails the first, its {@code {{ i_two + 1 }}} being the text '3').
 */
class Jinja2NativeTest {
    private static final String PLAYBOOK = EngineRun.fixture("jinja2_native/native.yml");

    @Test
    void nativeTypesFromTheEnvironment() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_JINJA2_NATIVE", "1"), PLAYBOOK, "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void nativeTypesFromAnsibleCfg() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_CONFIG", EngineRun.fixture("jinja2_native/ansible.cfg")), PLAYBOOK,
                "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void withoutTheSettingTextStaysText() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_JINJA2_NATIVE", "0"), PLAYBOOK, "-i", "localhost,", "-c", "local");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("from_text == 2 and from_text | type_debug == 'int'"), r.out());
        r.assertRecap("localhost", 1, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void nativeMacrosGiveValuesAndTuplesStayTuplesUntilAFactOrALoopItem() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_JINJA2_NATIVE", "1"), EngineRun.fixture("jinja2_native/macros_tuples.yml"),
                "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 5, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void defaultModeMacrosAsAnsiblePlaybookShowsThem() {
        RunResult r = EngineRun.cli(Map.of(), EngineRun.fixture("jinja2_native/default_macros.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        // ansible-playbook 2.14 shows the same
        assertTrue(r.out().contains("\"msg\": \"str str str list bool str list str\""),
                r.out());
    }
}
