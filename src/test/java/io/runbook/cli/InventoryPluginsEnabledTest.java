package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inventory plugins the engine has not, run by the controller's ansible-core ({@code engine/python-inventory}: a
 * plugin of the playbook's own, {@code site/inventory_plugins/cmdb_hosts.py}, found through
 * {@code ANSIBLE_INVENTORY_PLUGINS} or {@code --playbook-dir}, named by a file's {@code plugin:} or by
 * {@code ANSIBLE_INVENTORY_ENABLED}), each listing compared with ansible-inventory's; and enabled names no plugin has
 * ({@code engine/inventory-plugins-enabled}): skipped with ansible-core 2.14's warning, none left its error
 * (ansible-inventory's exit code 1 there), not an empty inventory (upstream's {@code plugin_config_for_inventory} and
 * {@code inventory_cache} targets run such plugins).
 */
class InventoryPluginsEnabledTest {
    private static final Path PLUGINS = Path.of(EngineRun.fixture("python-inventory")).toAbsolutePath();
    private static final Path DIR = Path.of(EngineRun.fixture("inventory-plugins-enabled")).toAbsolutePath();
    private static final Path ANSIBLE_INVENTORY = Path.of("/usr/bin/ansible-inventory");
    private static final String NONE_LEFT = "No inventory plugins available to generate inventory, make sure you have at least one enabled.";

    @Test
    void aPluginFileOfAPythonPluginOfAnsibleInventoryPluginsListsAsAnsibleInventoryListsIt() throws Exception {
        same(Map.of("ANSIBLE_INVENTORY_PLUGINS", "site/inventory_plugins"), "-i", "hosts.yml", "-i", "cmdb.yml", "--list");
    }

    @Test
    void thePlaybookFoldersInventoryPluginsWithTheVariablesItSet() throws Exception {
        same(Map.of(), "-i", "cmdb.yml", "--graph", "--vars", "--playbook-dir", "site");
        same(Map.of("ANSIBLE_PLAYBOOK_DIR", "site"), "-i", "cmdb.yml", "--graph", "--vars");
    }

    @Test
    void anEnabledPythonPluginReadsTheFilesTheEnginesOwnPluginsDoNot() throws Exception {
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "cmdb_hosts, yaml"), "-i", "cmdb.yml", "-i", "hosts.yml", "--playbook-dir",
                "site", "--graph");
    }

    @Test
    void aPluginThatFailsStopsTheRunWithItsMessage() throws Exception {
        String out = run(PLUGINS, Map.of(), 3, "-i", "cmdb_broken.yml", "--playbook-dir", "site", "--graph");
        assertTrue(out.contains("ERROR: cmdb_broken.yml:1:9: inventory plugin 'cmdb_hosts' failed on " + PLUGINS.resolve("cmdb_broken.yml")
                + ": the CMDB answered 503"), out);
    }

    @Test
    void onlyAPluginNoneHasEnabledIsAnsiblesErrorNotAnEmptyInventory() throws Exception {
        String out = run(DIR, Map.of("ANSIBLE_INVENTORY_ENABLED", "test_inventory"), 3, "-i", "cmdb.yml", "--list");
        assertTrue(out.contains("ERROR: ANSIBLE_INVENTORY_ENABLED: " + NONE_LEFT + " (neither the engine nor the controller's "
                + "ansible-core has an inventory plugin test_inventory; the engine's own: advanced_host_list, auto, constructed, "
                + "host_list, ini, script, yaml (Ansible's default list is host_list, script, auto, yaml, ini, toml))"), out);
    }

    @Test
    void aPluginNoneHasIsSkippedWithAnsiblesWarningAndTheOthersRead() throws Exception {
        String out = run(DIR, Map.of("ANSIBLE_INVENTORY_ENABLED", "nosuch, ansible.builtin.yaml"), 0, "-i", "hosts.yml", "--graph");
        assertTrue(out.contains("@all:\n  |--@ungrouped:\n  |--@web:\n  |  |--web-1\n"), out);
        assertTrue(out.contains("[WARNING]: Failed to load inventory plugin, skipping nosuch\n"), out);
    }

    @Test
    void aMisspeltNameInAnsibleCfgIsTheErrorAtThatSettingWithADidYouMean() throws Exception {
        String out = run(DIR.resolve("typo"), Map.of(), 3, "-i", "../hosts.yml", "--graph");
        assertTrue(out.contains("ERROR: enable_plugins in " + DIR.resolve("typo/ansible.cfg") + ": " + NONE_LEFT
                + " (neither the engine nor the controller's ansible-core has an inventory plugin yml (did you mean 'yaml'?);"), out);
    }

    /** The engine's {@code inventory} and ansible-inventory print the same, with the same exit code 0. */
    private static void same(Map<String, String> env, String... args) throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE_INVENTORY), "ansible-inventory is not installed");
        String engine = run(PLUGINS, env, 0, args);
        List<String> command = new ArrayList<>(List.of(ANSIBLE_INVENTORY.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(PLUGINS.toFile()).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(env);
        environment.put("ANSIBLE_NOCOLOR", "1");
        pb.environment().keySet().removeIf(k -> k.startsWith("ANSIBLE_"));
        pb.environment().putAll(environment);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String ansible = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), ansible);
        assertEquals(ansible, engine);
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
