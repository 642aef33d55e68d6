package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code inventory_cache} targets run such plugins). A comma list is offered to the enabled Python plugins too
 * ({@code tier_list}); a file a plugin fails on goes to the next ({@code chain/}: yaml, ini, Ansible's toml, a Python
 * plugin), and one all fail on is refused after ansible-inventory's warnings. Run in this JVM with fixtures named from the module's folder, where Ansible's commands run too.
 */
class InventoryPluginsEnabledTest {
    private static final Path PLUGINS = Path.of(EngineRun.fixture("python-inventory"));
    private static final Path DIR = Path.of(EngineRun.fixture("inventory-plugins-enabled"));
    private static final Path ANSIBLE_INVENTORY = Path.of("/usr/bin/ansible-inventory");
    private static final String NONE_LEFT = "No inventory plugins available to generate inventory, make sure you have at least one enabled.";

    @Test
    void aPluginFileOfAPythonPluginOfAnsibleInventoryPluginsListsAsAnsibleInventoryListsIt() throws Exception {
        same(Map.of("ANSIBLE_INVENTORY_PLUGINS", at("site/inventory_plugins")), "-i", at("hosts.yml"), "-i", at("cmdb.yml"), "--list");
    }

    @Test
    void thePlaybookFoldersInventoryPluginsWithTheVariablesItSet() throws Exception {
        same(Map.of(), "-i", at("cmdb.yml"), "--graph", "--vars", "--playbook-dir", at("site"));
        same(Map.of("ANSIBLE_PLAYBOOK_DIR", at("site")), "-i", at("cmdb.yml"), "--graph", "--vars");
    }

    @Test
    void anEnabledPythonPluginReadsTheFilesTheEnginesOwnPluginsDoNot() throws Exception {
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "cmdb_hosts, yaml"), "-i", at("cmdb.yml"), "-i", at("hosts.yml"), "--playbook-dir",
                at("site"), "--graph");
    }

    @Test
    void theEnabledPluginsTakeAFileInTheirOrderTheEnginesOwnAndPythonOnesAlike() throws Exception {
        // web.hosts: host_lines (a Python plugin) and ini both take it; the first in the list reads it
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "ini, host_lines"), "-i", at("web.hosts"), "--playbook-dir", at("site"), "--graph", "--vars");
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "host_lines, ini"), "-i", at("web.hosts"), "--playbook-dir", at("site"), "--graph", "--vars");
        // a group the plugin leaves out of all is put under it after the groups of the sources after it, as Ansible does
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "yaml, host_lines, ini"), "-i", at("web.hosts"), "-i", at("hosts.yml"),
                "--playbook-dir", at("site"), "--graph", "--vars");
    }

    @Test
    void aFileAPluginFailsOnGoesToTheNextEnabledOneAsAnsiblesPluginsInTheirOrder() throws Exception {
        same(Map.of(), "-i", at("chain/hosts"), "--graph", "--vars");  // yaml fails on it, then ini reads it
        same(Map.of(), "-i", at("chain/groups.toml"), "--graph", "--vars");  // ini fails (what it made stays), toml reads it
        // ini fails on 'web-5 spare' (no key=value), then the Python plugin reads it
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "ini, host_lines"), "-i", at("spare.hosts"), "--playbook-dir", at("site"),
                "--graph", "--vars");
    }

    @Test
    void aFileEveryPluginFailsOnIsRefusedAfterAnsiblesWarningsNamingEach() throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE_INVENTORY), "ansible-inventory is not installed");
        // ansible-inventory's warnings, then it lists the implicit localhost only; the engine refuses the file (exit 3)
        String ansible = ansible(Map.of(), ANSIBLE_INVENTORY.toString(), "-i", at("chain/broken.yml"), "--graph");
        String warnings = ansible.substring(0, ansible.indexOf("[WARNING]: No inventory was parsed"));
        // the display wraps at 80 columns, at a space (taken out) or after a hyphen of the path (kept): compare without
        // white space, which the path has none of
        assertTrue(warnings.replaceAll("\\s", "").startsWith("[WARNING]:*Failedtoparse" + PLUGINS.toAbsolutePath().resolve("chain/broken.yml")
                .toString().substring(0, 40)), ansible);
        RunResult r = EngineRun.cli(Map.of(), "inventory", "-i", at("chain/broken.yml"), "--graph");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals(warnings + "ERROR: " + at("chain/broken.yml") + ":4:5: Host pattern 1234 must be a string. Enclose "
                + "integers/floats in quotation marks. (write '1234':)\n", r.err());
    }

    @Test
    void atVvvEachPluginThatDeclinedOrParsedASourceIsSaidInOrderAsAnsibleSaysIt() throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE_INVENTORY), "ansible-inventory is not installed");
        // yaml fails on chain/hosts (said by no line at -vvv but its traceback), ini reads it; a comma list; a file not there
        String[] args = {"-vvv", "-i", at("chain/hosts"), "-i", "web-1,web-2", "-i", at("chain/not-there.yml"), "--graph"};
        assertEquals(pluginLines(ansible(Map.of(), ANSIBLE_INVENTORY.toString(), args)), pluginLines(run(Map.of(), 0, args)));
        assertTrue(pluginLines(run(Map.of(), 0, args)).contains("Parsed " + Path.of(at("chain/hosts")).toAbsolutePath() + " inventory source with ini plugin"));
    }

    /** The lines reading the sources says at -vvv (not the tracebacks Ansible prints too). */
    private static String pluginLines(String out) {
        return out.lines().filter(l -> l.contains(" declined parsing ") || l.startsWith("Parsed ") || l.startsWith("Using inventory plugin")
                || l.startsWith("Skipping due to")).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void anUnclosedSectionIsRefusedAfterAnsiblesWarningWithItsIniPluginsError() throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE_INVENTORY), "ansible-inventory is not installed");
        // Ansible's ini plugin reads '[web' as a host, whose range has no ']': Python's unpack error
        String ansible = ansible(Map.of(), ANSIBLE_INVENTORY.toString(), "-i", at("chain/unclosed.ini"), "--graph");
        String warnings = ansible.substring(0, ansible.indexOf("[WARNING]: No inventory was parsed"));
        assertTrue(warnings.replace("\n", " ").contains("with ini plugin: not enough values to unpack (expected 3, got 2)"), ansible);
        RunResult r = EngineRun.cli(Map.of(), "inventory", "-i", at("chain/unclosed.ini"), "--graph");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals(warnings + "ERROR: " + at("chain/unclosed.ini") + ":2:1: not enough values to unpack (expected 3, got 2) "
                + "('[web' has a '[' without its ']': a section is [group], a host range [begin:end] or [begin:end:step])\n", r.err());
    }

    @Test
    void aCommaListIsOfferedToTheEnabledPythonPluginsInTheirOrder() throws Exception {
        // tier_list takes 'TIER:host1,host2', as host_list takes any comma list: the first in the list reads it
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "tier_list, host_list"), "-i", "db:db-1,db-2", "-i", "web-1,web-2",
                "--playbook-dir", at("site"), "--graph", "--vars");
        same(Map.of("ANSIBLE_INVENTORY_ENABLED", "host_list, tier_list"), "-i", "db:db-1,db-2", "--playbook-dir", at("site"), "--graph");
    }

    @Test
    void aPythonPluginOpensVaultedOptionsAndHostVariablesWhenItUsesThem() throws Exception {
        // the token option and db-1's db_password are vaulted: the plugin checks the one, groups by the other's length
        same(Map.of(), "-i", at("hosts_vaulted.yml"), "-i", at("cmdb_vaulted.yml"), "--playbook-dir", at("site"),
                "--vault-password-file", at("vault-pass.txt"), "--graph");
        String out = run(Map.of(), 0, "-i", at("hosts_vaulted.yml"), "-i", at("cmdb_vaulted.yml"), "--playbook-dir", at("site"),
                "--vault-password-file", at("vault-pass.txt"), "--host", "db-1");
        assertEquals("{\n    \"db_password\": \"********\",\n    \"password_length\": \"15\"\n}\n", out);
    }

    @Test
    void aVaultedOptionAPythonPluginShowsIsMaskedWhetherAutoOrEnablePluginsChoseIt() {
        // cmdb_note.yml's vaulted note becomes group ops' cmdb_note (ansible-inventory shows it in the clear)
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("ANSIBLE_INVENTORY_ENABLED", "cmdb_hosts"))) {
            String out = run(env, 0, "-i", at("cmdb_note.yml"), "--playbook-dir", at("site"), "--vault-password-file",
                    at("vault-pass.txt"), "--host", "ops-1");
            assertTrue(out.contains("\"cmdb_note\": \"********\""), env + "\n" + out);
            assertFalse(out.contains("the ops tier note"), env + "\n" + out);
        }
    }

    @Test
    void adhocsPlaybookDirIsAnsiblePlaybookDirWhenNotGivenAsAnsiblesButNotRuns() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ansible")), "ansible is not installed");
        Map<String, String> env = Map.of("ANSIBLE_PLAYBOOK_DIR", at("site"));
        String ansible = ansible(env, "/usr/bin/ansible", "all", "-i", at("cmdb.yml"), "--list-hosts");
        RunResult adhoc = EngineRun.cli(env, "adhoc", "all", "-i", at("cmdb.yml"), "--list-hosts");
        assertEquals(0, adhoc.exitCode(), adhoc.toString());
        assertEquals(ansible, adhoc.err() + adhoc.out());
        // ansible-playbook has no --playbook-dir: the setting finds no plugin for it (it warns and leaves the source out)
        RunResult run = EngineRun.cli(env, at("list_hosts.yml"), "-i", at("cmdb.yml"));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("specifies unknown plugin 'cmdb_hosts'"), run.toString());
    }

    @Test
    void aPluginThatFailsStopsTheRunWithItsMessage() throws Exception {
        String out = run(Map.of(), 3, "-i", at("cmdb_broken.yml"), "--playbook-dir", at("site"), "--graph");
        assertTrue(out.contains("ERROR: " + at("cmdb_broken.yml") + ":1:9: inventory plugin 'cmdb_hosts' failed on "
                + PLUGINS.toAbsolutePath().resolve("cmdb_broken.yml") + ": the CMDB answered 503"), out);
    }

    @Test
    void onlyAPluginNoneHasEnabledIsAnsiblesErrorNotAnEmptyInventory() throws Exception {
        String out = run(Map.of("ANSIBLE_INVENTORY_ENABLED", "test_inventory"), 3, "-i", DIR.resolve("cmdb.yml").toString(), "--list");
        assertTrue(out.contains("ERROR: ANSIBLE_INVENTORY_ENABLED: " + NONE_LEFT + " (neither the engine nor the controller's "
                + "ansible-core has an inventory plugin test_inventory; the engine's own: advanced_host_list, auto, constructed, "
                + "host_list, ini, script, yaml (Ansible's default list is host_list, script, auto, yaml, ini, toml))"), out);
    }

    @Test
    void aPluginNoneHasIsSkippedWithAnsiblesWarningAndTheOthersRead() throws Exception {
        String out = run(Map.of("ANSIBLE_INVENTORY_ENABLED", "nosuch, ansible.builtin.yaml"), 0, "-i", DIR.resolve("hosts.yml").toString(), "--graph");
        assertTrue(out.contains("@all:\n  |--@ungrouped:\n  |--@web:\n  |  |--web-1\n"), out);
        assertTrue(out.contains("[WARNING]: Failed to load inventory plugin, skipping nosuch\n"), out);
    }

    @Test
    void aMisspeltNameInAnsibleCfgIsTheErrorAtThatSettingWithADidYouMean() throws Exception {
        // the ansible.cfg of the folder the command would run in, named as ANSIBLE_CONFIG (this JVM has one working directory)
        Path cfg = DIR.toAbsolutePath().resolve("typo/ansible.cfg");
        String out = run(Map.of("ANSIBLE_CONFIG", cfg.toString()), 3, "-i", DIR.resolve("hosts.yml").toString(), "--graph");
        assertTrue(out.contains("ERROR: enable_plugins in " + cfg + ": " + NONE_LEFT
                + " (neither the engine nor the controller's ansible-core has an inventory plugin yml (did you mean 'yaml'?);"), out);
    }

    /** A fixture of python-inventory, named as a user in the module's folder would (where the engine and Ansible run). */
    private static String at(String name) {
        return PLUGINS.resolve(name).toString();
    }

    /** The engine's {@code inventory} and ansible-inventory print the same, with the same exit code 0. */
    private static void same(Map<String, String> env, String... args) throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE_INVENTORY), "ansible-inventory is not installed");
        String engine = run(env, 0, args);
        assertEquals(ansible(env, ANSIBLE_INVENTORY.toString(), args), engine);
    }

    /** What Ansible's command prints in the module's folder with these settings (and no others), with exit code 0. */
    private static String ansible(Map<String, String> env, String program, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
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

    /**
     * The engine's {@code inventory} in this JVM with these settings and no other {@code ANSIBLE_*} ones, as Ansible's
     * command is run: its warnings and errors, then its output.
     */
    private static String run(Map<String, String> env, int exitCode, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "inventory";
        System.arraycopy(args, 0, all, 1, args.length);
        RunResult r = EngineRun.cli(env, all);
        assertEquals(exitCode, r.exitCode(), r.toString());
        return r.err() + r.out();
    }
}
