package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fact gathering with other facts modules than setup ({@code engine/facts/modules}), as ansible-core 2.14's
 * gather_facts action runs them: ansible-playbook ends both playbooks the same (their asserts say what it gives).
 */
class GatherFactsModulesTest {
    /**
     * {@code ansible_facts_modules}: the modules' facts merged in the order listed (lists appended without repeats,
     * mappings key by key), the gathering's mark in ansible_facts only; skipped, failed and missing modules, a
     * {@code parallel} that is no boolean, modules run at once, and {@code smart} with {@code ansible_network_os}
     * (the playbook's library/ios_facts for ios).
     */
    @Test
    void theListedModulesFactsAreMergedAsAnsibleMergesThem() {
        RunResult r = EngineRun.cli(EngineRun.fixture("facts/modules/modules.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 9, 0, 0, 0, 1, 0, 3);
        // as ansible-core's: setup's gather_subset is not given to another module, and said so
        assertTrue((r.out() + r.err()).contains("[WARNING]: Ignoring subset(None) for one_facts"), r.toString());
    }

    /** ANSIBLE_FACTS_MODULES (FACTS_MODULES) with smart: the listed module, then setup's facts. */
    @Test
    void theSettingListsTheModules() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_FACTS_MODULES", "two_facts,smart"),
                EngineRun.fixture("facts/modules/configured.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
    }
}
