package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's passwords ({@code --connection-password-file}, {@code --become-password-file}, as {@code -k} and
 * {@code -K} typed) log in to the real server of {@code .ci/ssh-setup.sh} and become root there, though no variable a
 * task sees holds them, as in ansible-playbook 2.14 ({@link AskPassTest} compares what the tasks see).
 */
class SshCommandLinePasswordTest {
    @TempDir
    Path dir;

    @Test
    void theCommandLinesPasswordsLogInAndBecomeRoot() throws Exception {
        Map<String, String> env = SshTestServers.require();
        org.junit.jupiter.api.Assumptions.assumeTrue(!env.getOrDefault("SSH_IT_SUDOERS", "").isEmpty(), "the test servers have no sudo rules");
        Path inventory = Files.writeString(dir.resolve("hosts"), "pw ansible_host=" + env.get("SSH_IT_HOST") + " ansible_port="
                + env.get("SSH_IT_PORT_B") + " ansible_user=" + env.get("SSH_IT_USER") + " ansible_ssh_known_hosts_file="
                + env.get("SSH_IT_KNOWN_HOSTS") + "\n");
        Path password = Files.writeString(dir.resolve("password"), env.get("SSH_IT_PASSWORD") + "\n");
        RunResult r = EngineRun.cli(Map.of("SSH_AUTH_SOCK", ""), EngineRun.fixture("ssh/become_whoami.yml"), "-i", inventory.toString(),
                "--connection-password-file", password.toString(), "--become-password-file", password.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"root no become password variable\""), r.out());
        assertFalse(r.out().contains(env.get("SSH_IT_PASSWORD")), "the password was printed");
    }
}
