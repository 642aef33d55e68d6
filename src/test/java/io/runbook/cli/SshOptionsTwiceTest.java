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
 * An ssh option given twice, against the real OpenSSH servers of {@code .ci/ssh-setup.sh}, the engine beside Debian's
 * ansible-playbook: Ansible writes one ssh command line and ssh keeps the first value of an option ({@code -o Port=}
 * and {@code -p}, {@code -o User=} and {@code -l} alike), so the second port (server A's) and the second user (nobody's)
 * are not used.
 */
class SshOptionsTwiceTest {
    @TempDir
    Path dir;

    @Test
    void theFirstPortAndUserOfTheArgsAreTheOnesUsedAsWithAnsible() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        String common = "-o Port=" + env.get("SSH_IT_PORT_B") + " -p " + env.get("SSH_IT_PORT") + " -o User=" + env.get("SSH_IT_USER")
                + " -l nobody-logs-in-as-this";
        Path inventory = Files.writeString(dir.resolve("hosts"), "twice ansible_host=" + env.get("SSH_IT_HOST")
                + " ansible_ssh_private_key_file=" + env.get("SSH_IT_KEY") + " ansible_ssh_known_hosts_file="
                + env.get("SSH_IT_KNOWN_HOSTS") + " ansible_python_interpreter=/usr/bin/python3"
                + " ansible_ssh_common_args='" + common + "' ansible_ssh_extra_args='-o Port=" + env.get("SSH_IT_PORT") + "'\n");
        JsonNode ansible = FactsSideBySide.same(EngineRun.fixture("ssh/options_twice.yml"), dir,
                Map.of("ANSIBLE_HOST_KEY_CHECKING", "False"), "-i", inventory.toString());
        assertEquals(env.get("SSH_IT_PORT_B"), ansible.get("port").asText(), "what the comparison stands on: Ansible's first port");
        assertEquals(env.get("SSH_IT_USER"), ansible.get("user").asText());
    }
}
