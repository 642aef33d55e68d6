package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python interpreter discovery on hosts behind a real OpenSSH server ({@code .ci/ssh-setup.sh}'s server B: this
 * machine as a user who is not root), the engine's beside Debian's ansible-playbook's: {@code discovered_interpreter_python}
 * in the first module's result (not the next one's) and as the host's fact, Ansible's warnings for a fallback list
 * without the distribution's interpreter, none for {@code auto_silent}, the "no python interpreters found" fallback,
 * none in {@code wait_for_connection}'s result (not a module's), the fact of a gathering (with {@code ansible_python}
 * of the discovered interpreter), and a task delegated to such a host: no fact without {@code delegate_facts}, the
 * fact on the delegate with it (and no discovery after); such a delegate is reached over SSH from localhost.
 */
class InterpreterDiscoveryOverSshTest {
    @TempDir
    Path dir;

    @Test
    void discoveryOverSshIsAnsibles() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3.11")), "the hosts' fallback lists name /usr/bin/python3.11");
        Map<String, String> env = SshTestServers.require();
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), String.join("\n",
                "all:",
                "  children:",
                "    ssh:",
                "      hosts:",
                "        auto: {}",
                "        legacy: {ansible_python_interpreter: auto_legacy}",
                "        other: {ansible_interpreter_python_fallback: [python3.9, /usr/bin/python3.11]}",
                "        silent: {ansible_python_interpreter: auto_silent, ansible_interpreter_python_fallback: [/usr/bin/python3.11]}",
                "    missing:",
                "      hosts:",
                "        none: {ansible_interpreter_python_fallback: [/nope/python]}",
                "    remote:",
                "      hosts:",
                "        delegate: {}",
                "        gathered: {ansible_interpreter_python_fallback: [/usr/bin/python3.11]}",
                "  vars:",
                SshTestServers.serverB(env, "    ")));
        JsonNode ansible = FactsSideBySide.same(EngineRun.fixture("facts/discovery_over_ssh.yml"), dir,
                Map.of("ANSIBLE_HOST_KEY_CHECKING", "False"), "-i", inventory.toString());
        // what the comparison stands on: Ansible did discover over SSH, and kept the delegate's fact only with delegate_facts
        assertEquals("/usr/bin/python3", ansible.get("hosts").get(0).get("first").get("discovered_interpreter_python").asText());
        assertEquals("none", ansible.get("without").asText());
        assertEquals("/usr/bin/python3", ansible.get("delegate").asText());
        assertEquals(env.get("SSH_IT_USER"), ansible.get("who").asText());
    }
}
