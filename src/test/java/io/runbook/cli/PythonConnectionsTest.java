package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook's Python connection plugins ({@code engine/python_connections/connection_plugins}): a module ({@code ping})
 * and a command ({@code raw}) run through one whose exec_command and put_file write what they are asked to a log, and a
 * plugin whose {@code _connect} raises AnsibleConnectionFailure (its message, a Jinja template, shown as written) makes
 * the host unreachable. Compared with ansible-playbook's run line for line, and the plugin's calls with its calls.
 */
class PythonConnectionsTest {
    private static final Path DIR = Path.of("test/resources/engine/python_connections").toAbsolutePath();

    @Test
    void theModuleAndCommandGoThroughThePluginAndAFailedConnectionIsUnreachable(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("calls.log");
        PythonLookupsTest.same(DIR, Map.of("RECORDER_LOG", log.toString()), 4, "site.yml");
        List<String> calls = Files.readAllLines(log);  // the engine's run's calls, then ansible-playbook's
        assertTrue(calls.contains("put_file AnsiballZ_ping.py") && calls.contains("exec_command"), calls.toString());
        assertEquals(calls.subList(calls.size() / 2, calls.size()), calls.subList(0, calls.size() / 2));
    }

    /**
     * A task delegated to a host whose connection is a Python plugin ({@code checking}, which names the user and
     * password it was given): its options are templated with the delegate's variables alone, as ansible-playbook's,
     * so a fact of the task's host fails the task (undefined) and the same fact through hostvars reaches the plugin.
     */
    @Test
    void aDelegatedTasksPluginOptionsAreTheDelegatesVariables() throws Exception {
        PythonLookupsTest.same(DIR, Map.of(), 0, "-i", "delegated.ini", "delegated.yml");
    }
}
