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
 * {@code ANSIBLE_INVENTORY_ENABLED}, which it goes by in order, a Python plugin or the engine's own alike; with vaulted
 * options and host variables; the ad-hoc command's {@code ANSIBLE_PLAYBOOK_DIR}), each listing compared with
 * ansible-inventory's (or ansible's); and enabled names no plugin has
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
    void theEnabledPluginsTakeAFileInTheirOrderTheEnginesOwnAndPythonOnesAlike() throws Exception {
        // web.hosts: host_lines (a Python plugin) and ini both take it; the first in the list reads it
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "ini, host_lines"), "-i", "web.hosts", "--playbook-dir", "site", "--graph", "--vars");
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "host_lines, ini"), "-i", "web.hosts", "--playbook-dir", "site", "--graph", "--vars");
        // a group the plugin leaves out of all is put under it after the groups of the sources after it, as Ansible does
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "yaml, host_lines, ini"), "-i", "web.hosts", "-i", "hosts.yml",
                "--playbook-dir", "site", "--graph", "--vars");
    }

    @Test
    void aPythonPluginOpensVaultedOptionsAndHostVariablesWhenItUsesThem() throws Exception {
        // the token option and db-1's db_password are vaulted: the plugin checks the one, groups by the other's length
        same(Map.of(), "-i", "hosts_vaulted.yml", "-i", "cmdb_vaulted.yml", "--playbook-dir", "site",
                "--vault-password-file", "vault-pass.txt", "--graph");
        String out = run(PLUGINS, Map.of(), 0, "-i", "hosts_vaulted.yml", "-i", "cmdb_vaulted.yml", "--playbook-dir", "site",
                "--vault-password-file", "vault-pass.txt", "--host", "db-1");
        assertEquals("{\n    \"db_password\": \"********\",\n    \"password_length\": \"15\"\n}\n", out);
    }

    @Test
    void adhocsPlaybookDirIsAnsiblePlaybookDirWhenNotGivenAsAnsiblesButNotRuns() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ansible")), "ansible is not installed");
        Map<String, String> env = Map.of("ANSIBLE_PLAYBOOK_DIR", "site");
        String ansible = ansible(env, "/usr/bin/ansible", "all", "-i", "cmdb.yml", "--list-hosts");
        try (EngineProcess engine = EngineProcess.start(PLUGINS, env, "adhoc", "all", "-i", "cmdb.yml", "--list-hosts")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(2)), engine.output());
            assertEquals(ansible, engine.output());
        }
        // ansible-playbook has no --playbook-dir: the setting finds no plugin for it (it warns and leaves the source out)
        try (EngineProcess engine = EngineProcess.start(PLUGINS, env, "run", "-i", "cmdb.yml", "list_hosts.yml")) {
            assertEquals(3, engine.exitCode(Duration.ofMinutes(2)), engine.output());
            assertTrue(engine.output().contains("specifies unknown plugin 'cmdb_hosts'"), engine.output());
        }
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
        assertEquals(ansible(env, ANSIBLE_INVENTORY.toString(), args), engine);
    }

    /** What Ansible's command prints in the fixture's folder with these settings, with exit code 0. */
    private static String ansible(Map<String, String> env, String program, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(program));
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
        return ansible;
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
