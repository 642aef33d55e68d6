package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's INTERPRETER_PYTHON (ANSIBLE_PYTHON_INTERPRETER, ansible.cfg's {@code interpreter_python}) and
 * INTERPRETER_PYTHON_FALLBACK, read through the settings table: the playbook of {@code engine/interpreter-settings}
 * (hosts of a local connection: one plain, one whose fallback list finds only /usr/bin/python3.11, one whose variable
 * says auto) run as a user runs it, in a folder whose ansible.cfg names an interpreter or asks for silent discovery, or
 * with the environment variable; what it prints (discovery's fact, its warnings, lookup('config')) is
 * ansible-playbook's, and {@code config dump --only-changed} is ansible-config's; delegated.yml: a delegated task's
 * setting, rendered with the task's host's variables; empty environment variables of other settings, as
 * ansible-config types them. Run in a copy of the folder, so no
 * runbook.yml above it counts.
 */
class InterpreterSettingsTest {
    private static final Path FIXTURE = Path.of(EngineRun.fixture("interpreter-settings"));

    @TempDir
    Path dir;

    /** What a program printed: exit code, standard output, standard error. */
    private record Printed(int code, String out, String err) {
    }

    @BeforeEach
    void copy() throws Exception {
        Files.createDirectories(EngineRun.copyTree(FIXTURE, dir).resolve("home"));
    }

    @Test
    void anInterpreterNamedInAnsibleCfgIsUsedWithoutDiscoveryButWhereAHostSaysAuto() throws Exception {
        Printed engine = same("path", Map.of());
        assertTrue(engine.out().contains("\"msg\": \"no discovery, no fact, /usr/bin/python3\""), engine.out());
        assertTrue(engine.out().contains("\"msg\": \"{'discovered_interpreter_python': '/usr/bin/python3'}, /usr/bin/python3, "
                + "/usr/bin/python3\""), "the host whose variable says auto discovers: " + engine.out());
        assertFalse(engine.err().contains("[WARNING]"), engine.err());
        sameDump("path", Map.of(), "INTERPRETER_PYTHON(" + dir.resolve("path/ansible.cfg") + ") = /usr/bin/python3");
    }

    @Test
    void autoSilentInAnsibleCfgDiscoversWithoutWarningsAndItsFallbackKeyIsNoSetting() throws Exception {
        Printed engine = same("silent", Map.of());
        assertTrue(engine.out().contains("\"msg\": \"{'discovered_interpreter_python': '/usr/bin/python3.11'}, "
                + "/usr/bin/python3.11, auto_silent\""), engine.out());
        assertFalse(engine.err().contains("[WARNING]"), engine.err());
        sameDump("silent", Map.of(), "INTERPRETER_PYTHON(" + dir.resolve("silent/ansible.cfg") + ") = auto_silent");
    }

    @Test
    void theEnvironmentWinsOverAnsibleCfgAndDiscoveryWarnsAsAnsibleDoes() throws Exception {
        Map<String, String> env = Map.of("ANSIBLE_PYTHON_INTERPRETER", "auto_legacy");
        Printed engine = same("path", env);
        assertTrue(engine.out().contains("\"msg\": \"{'discovered_interpreter_python': '/usr/bin/python3.11'}, "
                + "/usr/bin/python3.11, auto_legacy\""), engine.out());
        assertTrue(flat(engine.err()).contains(flat("[WARNING]: Platform interpreter /usr/bin/python3 on host narrow is missing "
                + "from bootstrap list")), engine.err());
        sameDump("path", env, "INTERPRETER_PYTHON(env: ANSIBLE_PYTHON_INTERPRETER) = auto_legacy");
        Printed named = same("silent", Map.of("ANSIBLE_PYTHON_INTERPRETER", "/usr/bin/python3"));
        assertTrue(named.out().contains("\"msg\": \"no discovery, no fact, /usr/bin/python3\""), named.out());
    }

    @Test
    void withNoSettingDiscoveryIsAutoAndAFallbackVariableOfTheEnvironmentIsNoSetting() throws Exception {
        // ANSIBLE_INTERPRETER_PYTHON_FALLBACK is not ansible-core 2.14's: the fallback list stays its default
        Printed engine = same(".", Map.of("ANSIBLE_INTERPRETER_PYTHON_FALLBACK", "/nonexistent/python"));
        assertTrue(engine.out().contains("\"msg\": \"{'discovered_interpreter_python': '/usr/bin/python3'}, /usr/bin/python3, "
                + "auto\""), engine.out());
        assertEquals(2, engine.err().split("\\[WARNING]", -1).length - 1, engine.err());
    }

    @Test
    void aTemplateInAnsibleCfgIsRenderedWithTheHostsVariablesAsAnsibleDoes() throws Exception {
        // ansible-core 2.14's _get_shebang renders INTERPRETER_PYTHON; lookup('config') gives it as written
        String written = "{{ my_python | default(ansible_playbook_python) }}";
        Printed named = same("template", Map.of());
        assertTrue(named.out().contains("\"msg\": \"no discovery, no fact, " + written + "\""), named.out());
        Printed silent = same("template", Map.of(), "-e", "my_python=auto_silent");
        assertTrue(silent.out().contains("\"msg\": \"{'discovered_interpreter_python': '/usr/bin/python3.11'}, "
                + "/usr/bin/python3.11, " + written + "\""), "rendered to auto_silent: discovery without warnings " + silent.out());
        assertFalse(silent.err().contains("[WARNING]"), silent.err());
    }

    @Test
    void anEmptyEnvironmentVariableIsSetAndDiscoversAsAutoAsAnsibleDoes() throws Exception {
        // ansible-core 2.14 takes ANSIBLE_PYTHON_INTERPRETER="" as set (ansible-config shows it); empty is discovery
        Map<String, String> env = Map.of("ANSIBLE_PYTHON_INTERPRETER", "");
        Printed engine = same("path", env);
        assertTrue(engine.out().contains("\"msg\": \"{'discovered_interpreter_python': '/usr/bin/python3.11'}, "
                + "/usr/bin/python3.11, \""), "empty, not ansible.cfg's path: " + engine.out());
        assertTrue(flat(engine.err()).contains(flat("[WARNING]: Platform interpreter /usr/bin/python3 on host narrow is missing "
                + "from bootstrap list")), engine.err());
        sameDump("path", env, "INTERPRETER_PYTHON(env: ANSIBLE_PYTHON_INTERPRETER) = ");
    }

    @Test
    void everyEmptyEnvironmentVariableIsSetTypedAsAnsiblesConfigurationTypesIt() throws Exception {
        // ansible-core 2.14: empty is set (boolean: false; path list: the folder itself), a number's is the default
        // (ansible.cfg's value does not count); the folder's ansible.cfg names an interpreter
        Map<String, String> env = Map.of("ANSIBLE_HOST_KEY_CHECKING", "", "ANSIBLE_ROLES_PATH", "", "ANSIBLE_FORKS", "",
                "ANSIBLE_DEPRECATION_WARNINGS", "");
        sameDump("path", env, "HOST_KEY_CHECKING(env: ANSIBLE_HOST_KEY_CHECKING) = False");
        sameDump("path", env, "DEFAULT_ROLES_PATH(env: ANSIBLE_ROLES_PATH) = ['" + dir.resolve("path").toRealPath() + "']");
        sameDump("path", env, "DEPRECATION_WARNINGS(env: ANSIBLE_DEPRECATION_WARNINGS) = False");
    }

    @Test
    void aDelegatesSettingIsRenderedWithTheTaskHostsVariablesAsAnsibleDoes() throws Exception {
        // delegated.yml: narrow's setting (delegated-hosts.yml) renders to plain's /usr/bin/python3 (narrow's: auto_legacy)
        Printed engine = same(".", "delegated.yml", Map.of(), "-i", dir.resolve("delegated-hosts.yml").toString());
        assertTrue(engine.out().contains("\"msg\": \"no discovery, no discovery, {}\""), engine.out());
        assertFalse(engine.err().contains("[WARNING]"), engine.err());
    }

    /** The playbook run in {@code folder} by ansible-playbook and by the engine prints the same; the engine's run. */
    private Printed same(String folder, Map<String, String> env, String... more) throws Exception {
        return same(folder, "site.yml", env, more);
    }

    /** As {@link #same(String, Map, String...)}, for the fixture's {@code playbook}. */
    private Printed same(String folder, String playbook, Map<String, String> env, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(dir.resolve(playbook).toString(), "-i", dir.resolve("hosts.yml").toString(), "-f", "1"));
        args.addAll(List.of(more));
        Printed ansible = run(folder, env, "/usr/bin/ansible-playbook", args);
        Printed engine = run(folder, env, null, args);
        assertEquals(0, ansible.code(), ansible.toString());
        assertEquals(0, engine.code(), engine.toString());
        // Ansible wraps its warnings (and long paths) at 80 columns: compared without white space
        assertEquals(flat(ansible.out()), flat(engine.out()), engine.out());
        assertEquals(flat(ansible.err()), flat(engine.err().replaceAll("(?m)^journal: .*$", "")), engine.err());
        return engine;
    }

    /** {@code config dump --only-changed} in {@code folder} is ansible-config's and has {@code line}. */
    private void sameDump(String folder, Map<String, String> env, String line) throws Exception {
        Printed ansible = run(folder, env, "/usr/bin/ansible-config", List.of("dump", "--only-changed"));
        Printed engine = run(folder, env, null, List.of("config", "dump", "--only-changed"));
        assertEquals(ansible.out(), engine.out());
        assertTrue(engine.out().contains("\n" + line + "\n"), engine.out());
    }

    /** {@code program} (null: the engine) run in {@code folder} with HOME there and only {@code env}'s ANSIBLE_* variables. */
    private Printed run(String folder, Map<String, String> env, String program, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(EngineJvm.commandOf(program));
        command.addAll(args);
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.resolve(folder).toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ANSIBLE_"));
        builder.environment().putAll(env);
        // no colour setting: neither colours a pipe, and ansible-config's dump would show it
        builder.environment().keySet().remove("NO_COLOR");
        builder.environment().putAll(Map.of("HOME", dir.resolve("home").toString(), "PYTHONDONTWRITEBYTECODE", "1"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), out);
        return new Printed(p.exitValue(), out, Files.readString(err));
    }

    private static String flat(String text) {
        return text.replaceAll("\\s", "");
    }
}
