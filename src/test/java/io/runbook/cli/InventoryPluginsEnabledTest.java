package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inventory plugins the engine has not, named in {@code ANSIBLE_INVENTORY_ENABLED} or ansible.cfg's
 * {@code enable_plugins}: each skipped with ansible-core 2.14's warning ({@code Failed to load inventory plugin,
 * skipping NAME}), and none left is its error ({@code No inventory plugins available to generate inventory, …}, which
 * ansible-inventory gives for the same files with exit code 1) instead of an empty inventory (upstream's
 * {@code plugin_config_for_inventory} target enables only its Python plugin test_inventory).
 */
class InventoryPluginsEnabledTest {
    private static final Path DIR = Path.of(EngineRun.fixture("inventory-plugins-enabled"));
    private static final String NONE_LEFT = "No inventory plugins available to generate inventory, make sure you have at least one enabled.";

    @Test
    void onlyAPythonPluginEnabledIsAnsiblesErrorNotAnEmptyInventory() throws Exception {
        String out = run(DIR, Map.of("ANSIBLE_INVENTORY_ENABLED", "test_inventory"), 3, "-i", "cmdb.yml", "--list");
        assertTrue(out.contains("ERROR: ANSIBLE_INVENTORY_ENABLED: " + NONE_LEFT + " (the engine has no inventory plugin "
                + "test_inventory and runs no Python inventory plugins; enable some of its own: advanced_host_list, auto, "
                + "constructed, host_list, ini, script, yaml (Ansible's default list is host_list, script, auto, yaml, ini, toml))"), out);
    }

    @Test
    void aPluginTheEngineHasNotIsSkippedWithAWarningAndTheOthersRead() throws Exception {
        String out = run(DIR, Map.of("ANSIBLE_INVENTORY_ENABLED", "generator, ansible.builtin.yaml"), 0, "-i", "hosts.yml", "--graph");
        assertTrue(out.contains("@all:\n  |--@ungrouped:\n  |--@web:\n  |  |--web-1\n"), out);
        assertTrue(out.replaceAll("\\s+", " ").contains("[WARNING]: Failed to load inventory plugin, skipping generator: the "
                + "engine has no such inventory plugin and runs no Python inventory plugins (ANSIBLE_INVENTORY_ENABLED)"), out);
    }

    @Test
    void aMisspeltNameInAnsibleCfgIsTheErrorAtThatSettingWithADidYouMean() throws Exception {
        String out = run(DIR.resolve("typo"), Map.of(), 3, "-i", "../hosts.yml", "--graph");
        assertTrue(out.contains(": " + NONE_LEFT + " (the engine has no inventory plugin yml (did you mean 'yaml'?)"), out);
        assertTrue(out.contains("ERROR: enable_plugins in "), out);
    }

    private static String run(Path dir, Map<String, String> env, int exitCode, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "inventory";
        System.arraycopy(args, 0, all, 1, args.length);
        try (EngineProcess engine = EngineProcess.start(dir, env, all)) {
            assertEquals(exitCode, engine.exitCode(Duration.ofMinutes(2)), engine.output());
            return engine.output();
        }
    }
}
