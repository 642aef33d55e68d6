package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.config.SettingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config}: ansible-config's list, dump, view and init for the settings the engine honours. Dump's output is
 * ansible-config's, byte for byte, for settings given by an ansible.cfg and by the environment (recorded:
 * test/resources/config-command/README.md).
 */
class ConfigCommandTest {
    private static final Path FIXTURES = Path.of("test/resources/config-command");

    @TempDir
    Path dir;

    /**
     * The engine run in {@code cwd} with {@code env} and none of the test's own ANSIBLE_* variables (surefire sets
     * some): exit code, a line break, then its output.
     */
    private static String run(Path cwd, Map<String, String> env, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(EngineJvm.command("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("ANSIBLE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), output);
        return process.exitValue() + "\n" + output;
    }

    @Test
    void dumpOnlyChangedIsAnsiblesForSettingsFromTheConfigAndTheEnvironment() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("home"));
        Files.copy(FIXTURES.resolve("ansible.cfg"), project.resolve("ansible.cfg"));
        Map<String, String> env = Map.of("HOME", project.resolve("home").toString(), "ANSIBLE_STRATEGY", "free",
                "ANSIBLE_NO_LOG", "yes", "ANSIBLE_TIMEOUT", "30", "ANSIBLE_FILTER_PLUGINS", "filters",
                "ANSIBLE_VAULT_PASSWORD_FILE", "~/vault.txt", "ANSIBLE_COLLECTIONS_PATH", "~/collections");
        String expected = Files.readString(FIXTURES.resolve("dump-only-changed.txt")).replace("{dir}", project.toString());
        assertEquals("0\n" + expected, run(project, env, "config", "dump", "--only-changed"));
        // -c names the file instead: the same settings from it, from any working directory
        assertEquals("0\n" + expected, run(dir, env, "config", "dump", "--changed-only", "-c",
                project.resolve("ansible.cfg").toString()).replace(dir.resolve("filters").toString(),
                project.resolve("filters").toString()));
    }

    /**
     * collections_path, vault_identity_list, vault_encrypt_identity, host_key_checking = maybe (False, as Ansible reads
     * every boolean) and the ssh connection's settings ([ssh_connection], ANSIBLE_SSH_EXTRA_ARGS): ansible-config's
     * dump of base, connection and all, byte for byte but for paramiko_ssh's section (a connection the engine has not).
     */
    @Test
    void dumpOfCollectionsVaultAndSshConnectionSettingsIsAnsibles() throws Exception {
        Path project = pluginsProject();
        Map<String, String> env = Map.of("HOME", project.resolve("home").toString(), "ANSIBLE_SSH_EXTRA_ARGS",
                "-o ServerAliveInterval=5");
        String all = Files.readString(FIXTURES.resolve("dump-all-only-changed.txt")).replace("{dir}", project.toString())
                .replaceAll("\\nparamiko_ssh:\\n_+\\n(?:[^\\n]+\\n)+", "");
        String connections = all.substring(all.indexOf("==========\n") + "==========\n".length());
        assertEquals("0\n" + all.substring(0, all.indexOf("\n\nCONNECTION:") + 1),
                run(project, env, "config", "dump", "--only-changed"));
        assertEquals("0\n" + connections, run(project, env, "config", "dump", "--only-changed", "-t", "connection"));
        assertEquals("0\n" + all, run(project, env, "config", "dump", "--only-changed", "-t", "all"));
    }

    /**
     * -f json and -f yaml: ansible-config's lists of name, origin, type and value, each plugin type's for -t all, byte
     * for byte but for paramiko_ssh's entries (a connection the engine has not).
     */
    @Test
    void dumpAsJsonAndYamlIsAnsibles() throws Exception {
        Path project = pluginsProject();
        Map<String, String> env = Map.of("HOME", project.resolve("home").toString(), "ANSIBLE_SSH_EXTRA_ARGS",
                "-o ServerAliveInterval=5");
        String json = Files.readString(FIXTURES.resolve("dump-all-json.txt")).replace("{dir}", project.toString())
                .replaceAll("(?s)\\{\n {16}\"paramiko_ssh\": \\[\n.*?\n {16}]\n {12}},\n {12}", "");
        assertEquals("0\n" + json, run(project, env, "config", "dump", "-t", "all", "--only-changed", "-f", "json"));
        String yaml = Files.readString(FIXTURES.resolve("dump-all-yaml.txt")).replace("{dir}", project.toString())
                .replaceAll("  - paramiko_ssh:\n(?:    [^\n]*\n)+", "");
        assertEquals("0\n" + yaml, run(project, env, "config", "dump", "-t", "all", "--only-changed", "-f", "yaml"));
        // -t connection: its plugins' list alone, as the part of -t all's under CONNECTION_PLUGINS
        String connection = yaml.substring(yaml.indexOf("- CONNECTION_PLUGINS:\n") + "- CONNECTION_PLUGINS:\n".length(),
                yaml.indexOf("- HTTPAPI_PLUGINS")).replaceAll("(?m)^  ", "");
        assertEquals("0\n" + connection, run(project, env, "config", "dump", "-t", "connection", "--only-changed", "-f", "yaml"));
        RunResult bad = EngineRun.cli(Map.of(), "config", "dump", "-f", "toml");
        assertEquals(5, bad.exitCode());
        assertEquals("ERROR: argument --format/-f: invalid choice: 'toml' (choose from 'json', 'yaml', 'display')\n", bad.err());
    }

    /**
     * dump -t all without --only-changed: every plugin type's title, each setting of the table with its origin, in
     * ansible-config's order (values as its where not defaults: the engine's defaults are its own where it says so).
     */
    @Test
    void dumpOfAllIsAnsiblesForTheSettingsOfTheTable() throws Exception {
        Path project = pluginsProject();
        Map<String, String> env = Map.of("HOME", project.resolve("home").toString(), "ANSIBLE_SSH_EXTRA_ARGS",
                "-o ServerAliveInterval=5");
        String ansibles = Files.readString(FIXTURES.resolve("dump-all.txt")).replace("{dir}", project.toString());
        String engines = run(project, env, "config", "dump", "-t", "all");
        assertTrue(engines.startsWith("0\n"), engines);
        assertEquals(tableLines(ansibles), tableLines(engines.substring(2)));
        assertTrue(engines.contains("\n\nBECOME:\n======\n\nCACHE:\n=====\n"), engines);
    }

    /**
     * The lines of a dump that are of the table's settings (base ones, then the ssh connection's) and the type titles;
     * a setting at its default as {@code NAME(default)}.
     */
    private static java.util.List<String> tableLines(String dump) {
        java.util.List<String> out = new java.util.ArrayList<>();
        String[] lines = dump.split("\n", -1);
        Map<String, SettingTable.Def> defs = SettingTable.ALL;
        String type = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() && i + 2 < lines.length && lines[i + 2].matches("[=_]+")) {
                if (lines[i + 2].startsWith("=")) {
                    type = lines[i + 1].substring(0, lines[i + 1].length() - 1).toLowerCase(java.util.Locale.ROOT);
                    out.add(lines[i + 1]);
                    defs = Map.of();
                } else {
                    defs = SettingTable.plugin(type, lines[i + 1].substring(0, lines[i + 1].length() - 1));
                    if (!defs.isEmpty()) {
                        out.add(lines[i + 1]);
                    }
                }
                i += 2;
            } else if (lines[i].contains("(")) {
                String name = lines[i].substring(0, lines[i].indexOf('('));
                if (defs.containsKey(name) || type == null && name.equals("CONFIG_FILE")) {
                    out.add(lines[i].contains("(default) = ") ? lines[i].substring(0, lines[i].indexOf(" = ")) : lines[i]);
                }
            }
        }
        return out;
    }

    private Path pluginsProject() throws java.io.IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("home"));
        Files.copy(FIXTURES.resolve("plugins.cfg"), project.resolve("ansible.cfg"));
        return project;
    }

    @Test
    void dumpSaysEverySettingsValueAndOriginAndRunbookYmlComesBeforeTheConfig() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("ansible.cfg"), "[defaults]\nforks = 9\nstrategy = free\n");
        Files.writeString(project.resolve("runbook.yml"), "forks: 12\n");
        String out = run(project, Map.of("HOME", dir.toString(), "ANSIBLE_CONFIG", "ansible.cfg"), "config", "dump");
        Path cfg = project.resolve("ansible.cfg");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("\nDEFAULT_FORKS(" + project.resolve("runbook.yml") + ") = 12\n"), out);
        assertTrue(out.contains("\nDEFAULT_STRATEGY(" + cfg + ") = free\n"), out);
        assertTrue(out.contains("\nCONFIG_FILE() = " + cfg + "\n"), out);
        // defaults as Ansible prints them, each setting of the table once, sorted by name
        assertTrue(out.contains("\nDEFAULT_ROLES_PATH(default) = ['" + dir + "/.ansible/roles', '/usr/share/ansible/roles', "
                + "'/etc/ansible/roles']\n"), out);
        assertTrue(out.contains("\nINVENTORY_ENABLED(default) = ['host_list', 'script', 'auto', 'yaml', 'ini', 'toml']\n"), out);
        assertTrue(out.contains("\nDEFAULT_FACT_PATH(default) = None\nDEFAULT_FILTER_PLUGIN_PATH(default)"), out);
        java.util.List<String> names = out.lines().skip(1).map(l -> l.substring(0, l.indexOf('('))).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(SettingTable.ALL.size() + 1, names.size(), out);
        // not a setting the engine honours: left out
        assertFalse(out.contains("ACTION_WARNINGS"), out);
    }

    @Test
    void theTablesSettingsAreAnsiblesWithItsVariablesAndIniKeys() throws Exception {
        Map<String, String[]> ansibles = new java.util.HashMap<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("ansible-config-list.txt"))) {
            String[] f = line.split(" \\| ");
            ansibles.put(f[0], f);
        }
        assertEquals(ansibles.keySet(), SettingTable.ALL.keySet());
        for (SettingTable.Def def : SettingTable.ALL.values()) {
            String[] a = ansibles.get(def.name());
            assertEquals(a[1].equals("bool") ? "boolean" : a[1], def.type(), def.name());
            assertEquals(a[2].equals("-") ? java.util.List.of() : java.util.List.of(a[2].split(",")), def.envNames(), def.name());
            java.util.List<String> ini = def.ini().stream().map(i -> i.section() + "." + i.key()).toList();
            assertEquals(a[3].equals("-") ? java.util.List.of() : java.util.List.of(a[3].split(",")), ini, def.name());
        }
    }

    @Test
    void listPrintsTheTableAsAnsibleConfigListDoes() {
        RunResult r = EngineRun.cli(Map.of(), "config", "list");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("""
                DEFAULT_FORKS:
                  default: 20
                  description: How many hosts are worked on in parallel (as --forks); runbook.yml's
                    forks comes before ansible.cfg's. The engine's default is 20, Ansible's 5.
                  env:
                  - name: ANSIBLE_FORKS
                  ini:
                  - key: forks
                    section: defaults
                  name: Number of task forks
                  type: integer
                DEFAULT_GATHERING:
                """), r.out());
        assertFalse(r.out().contains("ACTION_WARNINGS"), r.out());
        assertTrue(r.out().startsWith("BECOME_PASSWORD_FILE:\n"), r.out());
    }

    @Test
    void listAsJsonIsAnsiblesPrettyJsonAndAllHasEveryPluginType() {
        RunResult r = EngineRun.cli(Map.of(), "config", "list", "-f", "json");
        assertEquals(0, r.exitCode(), r.err());
        // json.dumps(indent=4, sort_keys=True), as ansible-config's
        assertTrue(r.out().startsWith("{\n    \"BECOME_PASSWORD_FILE\": {\n        \"default\": null,\n        \"description\": "
                + "\"The file holding the privilege escalation password (as --become-password-file).\",\n        \"env\": [\n"
                + "            {\n                \"name\": \"ANSIBLE_BECOME_PASSWORD_FILE\"\n            }\n        ],\n"), r.out());
        assertTrue(r.out().endsWith("\n}\n"), r.out());
        // -t all: each of ansible-config's plugin types, upper case, those the engine has no settings of empty
        RunResult all = EngineRun.cli(Map.of(), "config", "list", "-t", "all", "-f", "json");
        assertTrue(all.out().contains("\n    \"PLUGINS\": {\n        \"BECOME\": {},\n        \"CACHE\": {},\n"
                + "        \"CALLBACK\": {\n            \"default\": {\n                \"check_mode_markers\": {\n"), all.out());
        assertTrue(all.out().contains("\n        \"CLICONF\": {},\n        \"CONNECTION\": {\n            \"ssh\": {\n"),
                all.out());
        assertTrue(all.out().contains("\n        \"VARS\": {}\n    },\n"), all.out());
        RunResult connection = EngineRun.cli(Map.of(), "config", "list", "-t", "connection");
        assertTrue(connection.out().startsWith("PLUGINS:\n  connection:\n    ssh:\n      host:\n"), connection.out());
    }

    /** init -f env and -f vars: each line as ansible-config init writes it for the same setting (checked by hand). */
    @Test
    void initWritesEnvironmentVariablesOrHostVariables() {
        RunResult env = EngineRun.cli(Map.of(), "config", "init", "-f", "env");
        assertEquals(0, env.exitCode(), env.err());
        assertTrue(env.out().startsWith("# Become password file(path): The file holding the privilege escalation password"
                + " (as --become-password-file).\nANSIBLE_BECOME_PASSWORD_FILE=\n\n"), env.out());
        assertTrue(env.out().contains("\n# Number of task forks(integer): How many hosts are worked on in parallel (as "
                + "--forks); runbook.yml's forks comes before ansible.cfg's. The engine's default is 20, Ansible's 5.\n"
                + "ANSIBLE_FORKS=20\n\n"), env.out());
        assertTrue(env.out().contains("\nANSIBLE_BECOME=0\n\n"), env.out());
        assertTrue(env.out().contains("\nANSIBLE_BECOME_METHOD=sudo\n\n"), env.out());
        assertTrue(env.out().contains("\nANSIBLE_INVENTORY_ENABLED='host_list, script, auto, yaml, ini, toml'\n\n"), env.out());
        assertTrue(env.out().contains("\nANSIBLE_COLLECTIONS_PATH='~/.ansible/collections:/usr/share/ansible/collections'\n"),
                env.out());
        RunResult disabled = EngineRun.cli(Map.of(), "config", "init", "-f", "env", "--disabled");
        assertTrue(disabled.out().contains("\n#ANSIBLE_FORKS=20\n\n"), disabled.out());
        // the variables of the ssh connection: the last of each setting's, its default in YAML's flow style
        RunResult vars = EngineRun.cli(Map.of(), "config", "init", "-f", "vars", "-t", "connection");
        assertEquals(0, vars.exitCode(), vars.err());
        assertTrue(vars.out().contains("\n# port(int): The port SSH logs in at (ssh's default when none).\n"
                + "ansible_ssh_port: ''\n\n\n"), vars.out());
        assertTrue(vars.out().contains("\nansible_ssh_host_key_checking: true\n\n\n"), vars.out());
        // the base settings' variables: those Ansible's init writes too (the fallback list, without a description, left
        // out as Ansible leaves it out)
        String base = EngineRun.cli(Map.of(), "config", "init", "-f", "vars").out();
        assertTrue(base.contains("\nansible_python_interpreter: auto\n\n\n"), base);
        assertTrue(base.contains("\nansible_python_module_rlimit_nofile: 0\n"), base);
        assertFalse(base.contains("ansible_interpreter_python_fallback"), base);
        RunResult ini = EngineRun.cli(Map.of(), "config", "init", "-t", "connection");
        // the sections in the order the plugin's sorted settings name them, as ansible-config's
        assertTrue(ini.out().startsWith("[ssh_connection]\n# (boolean) Whether SSH checks host keys"), ini.out());
        assertTrue(ini.out().contains("\n[defaults]\n# (int) The port SSH logs in at (ssh's default when none).\nremote_port=\n"),
                ini.out());
    }

    @Test
    void initWritesAnIniFileOfTheSettingsDisabledWhenAsked() {
        RunResult r = EngineRun.cli(Map.of(), "config", "init", "--disabled");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("[defaults]\n# (path) The file holding the privilege escalation password "
                + "(as --become-password-file).\n;become_password_file=\n\n"), r.out());
        assertTrue(r.out().contains("\n# (list) The inventory plugins that may read a source, in order.\n"
                + ";enable_plugins=host_list, script, auto, yaml, ini, toml\n"), r.out());
        assertTrue(r.out().contains("\n[privilege_escalation]\n"), r.out());
        assertTrue(r.out().contains("\n;become=False\n"), r.out());
        RunResult enabled = EngineRun.cli(Map.of(), "config", "init");
        assertTrue(enabled.out().contains("\nforks=20\n"), enabled.out());
    }

    @Test
    void viewPrintsTheConfigFileInUse() throws Exception {
        Path cfg = Files.writeString(dir.resolve("my.cfg"), "[defaults]\nforks=9\n# a comment\n");
        RunResult r = EngineRun.cli(Map.of(), "config", "view", "-c", cfg.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("[defaults]\nforks=9\n# a comment\n", r.out());
        RunResult named = EngineRun.cli(Map.of("ANSIBLE_CONFIG", cfg.toString()), "config", "view");
        assertEquals("[defaults]\nforks=9\n# a comment\n", named.out());
    }

    @Test
    void viewWithoutAConfigFileIsAnErrorAndVerboseSaysWhichWasFound() throws Exception {
        // the machine's own /etc/ansible/ansible.cfg would be the file in use (the working directory, src/, has none)
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/etc/ansible/ansible.cfg")));
        Map<String, String> home = Map.of("HOME", dir.toString());
        RunResult view = EngineRun.cli(home, "config", "view");
        assertEquals(3, view.exitCode());
        assertEquals("ERROR: Invalid or no config file was supplied\n", view.err());
        // as ansible-config -v: the file found, not the one -c names
        Path cfg = Files.writeString(dir.resolve("my.cfg"), "[defaults]\ngathering=smart\n");
        RunResult dump = EngineRun.cliIn(home, "config", "dump", "-v", "-c", cfg.toString(), "--only-changed");
        assertTrue(dump.out().startsWith("No config file found; using defaults\nCONFIG_FILE() = " + cfg + "\n"), dump.out());
        assertTrue(dump.out().contains("\nDEFAULT_GATHERING(" + cfg + ") = smart\n"), dump.out());
    }

    @Test
    void completionCompletesTheConfigCommand() {
        RunResult r = EngineRun.cli(Map.of(), "completion");
        assertTrue(r.out().contains("'--only-changed' '--changed-only'"), r.out());
        assertTrue(r.out().contains("config"), r.out());
    }

    @Test
    void errorsAreAnsiblesWithTheProjectsExitCodes() throws Exception {
        Path missing = dir.resolve("nope.cfg");
        RunResult r = EngineRun.cli(Map.of(), "config", "dump", "-c", missing.toString());
        assertEquals(5, r.exitCode());
        assertEquals("ERROR: The provided configuration file is missing or not accessible: " + missing + "\n", r.err());
        RunResult badOption = EngineRun.cli(Map.of(), "config", "dump", "--bogus");
        assertEquals(5, badOption.exitCode());
        assertTrue(badOption.err().contains("Unknown option: '--bogus'"), badOption.err());
        RunResult badType = EngineRun.cli(Map.of(), "config", "dump", "-t", "bogus");
        assertEquals(5, badType.exitCode());
        assertTrue(badType.err().startsWith("ERROR: argument -t/--type: invalid choice: 'bogus' (choose from all, base,"),
                badType.err());
        RunResult noSubcommand = EngineRun.cli(Map.of(), "config");
        assertEquals(5, noSubcommand.exitCode());
        assertTrue(noSubcommand.err().contains("ERROR: a subcommand is required: list, dump, view or init"), noSubcommand.err());
        // a plugin type: the engine has no plugin settings, so nothing changed to show
        RunResult plugins = EngineRun.cli(Map.of(), "config", "dump", "-t", "become", "--only-changed");
        assertEquals(0, plugins.exitCode(), plugins.err());
        assertEquals("", plugins.out());
    }
}
