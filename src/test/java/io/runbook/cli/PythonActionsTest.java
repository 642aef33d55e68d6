package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A playbook's Python action plugins ({@code engine/python_actions}): {@code action_plugins/} beside the playbook and in
 * a role, ANSIBLE_ACTION_PLUGINS' folder; a plugin that runs a module ({@code _execute_module}), one that runs
 * ansible-core's own shell action plugin, one that runs a command ({@code _low_level_execute_command}) and reads the
 * shell plugin, one that runs none (its facts, its warning, the templar), one that raises (Ansible's 'Unexpected failure
 * during module execution'), AnsibleActionFail, the plugin's own argument check, check mode; one that shows a warning, a
 * deprecation, an error and text on both streams through Ansible's display (twice: each time, as Ansible's worker); one
 * that runs commands with standard input, chdir and an executable, in check mode too; a module run by a plugin
 * discovering the host's Python (its fact in the result the plugin returns); several hosts at once.
 * Each run is compared with ansible-playbook's, line for line.
 */
class PythonActionsTest {
    private static final Path DIR = Path.of("test/resources/engine/python_actions").toAbsolutePath();

    @Test
    void actionPluginsRunModulesCommandsAndFailAsAnsibleRunsThem() throws Exception {
        PythonLookupsTest.same(DIR, Map.of(), 0, "site.yml");
    }

    /**
     * With become (to nobody and to root, as BecomeTest's: run as root with sudo) and without: the plugin's module and
     * commands run as the become user, its login commands ({@code sudoable=False}) as the login user, and it sees the
     * become plugin and settings as Ansible's; files it copies to the host ({@code _transfer_file},
     * {@code _transfer_data}, {@code fetch_file}) in the temporary folder ActionBase makes get their permissions as
     * Ansible's {@code _fixup_perms2} gives them (owned by nobody for nobody), the folder removed.
     */
    @Test
    void becomeAndFilesCopiedToTheHost() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "becoming nobody without a password needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "sudo is not installed (bin/test installs it)");
        PythonLookupsTest.same(DIR, Map.of(), 0, "become.yml", "-v");
    }

    /**
     * A playbook's {@code action_plugins/normal.py} ({@code engine/actions/normal}) runs each module without an action
     * plugin of its own (ping, a library/ module), not ansible-core's actions (command, debug), as Ansible's task
     * executor picks {@code ansible.legacy.normal}; an async task's module it runs with {@code wrap_async=True} is the
     * task's job, polled to its end (the target async_fail of the compat suite too). ansible-playbook ends it the same.
     */
    @Test
    void aPlaybooksNormalActionRunsTheModulesWithoutAnActionOfTheirOwn() {
        RunResult r = EngineRun.cli(EngineRun.fixture("actions/normal/normal.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 5, 2, 0, 0, 0, 0, 0);
    }

    /** Four hosts at once (their lines come as they end, so only the recap is compared): each gets its own answer. */
    @Test
    void theConfiguredFolderAndSeveralHostsAtOnce() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, Map.of("ANSIBLE_ACTION_PLUGINS", "elsewhere",
                "ANSIBLE_FORKS", "5", "ANSIBLE_NOCOLOR", "1"), "hosts.yml", "-i", "hosts.ini", "-c", "local")) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            for (String host : List.of("one", "two", "three", "four")) {
                assertTrue(engine.output().matches("(?s).*\\n" + host + " +: ok=3 +changed=0 +unreachable=0 +failed=0 .*"),
                        engine.output());
            }
        }
    }
}
