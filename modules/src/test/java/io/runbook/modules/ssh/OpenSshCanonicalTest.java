package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real login ({@code .ci/ssh-setup.sh}) whose port, user and key come from ssh config blocks that hold only on the
 * second reading CanonicalizeHostname asks for: a {@code Host} line matching the canonical host (the HostName) and a
 * {@code Match canonical}, as ssh 9.2 reads them ({@code ssh -G} on the same file says the same).
 */
@io.runbook.modules.Exclusive("openssh")
class OpenSshCanonicalTest {
    @TempDir
    Path home;
    private final SshSessions sessions = new SshSessions();

    @AfterEach
    void close() {
        sessions.close();
    }

    @Test
    void theBlocksOfTheCanonicalHostApplyToTheLogin() throws Exception {
        SshServers servers = SshServers.require();
        Path config = home.resolve("ssh_config");
        Files.writeString(config, String.join("\n",
                "Host rbcanon",
                "  HostName " + servers.host(),
                "  CanonicalizeHostname yes",
                "Host " + servers.host(),
                "  Port " + servers.portB(),
                "  IdentityFile " + servers.get("SSH_IT_KEY"),
                "  UserKnownHostsFile " + servers.get("SSH_IT_KNOWN_HOSTS"),
                "Match canonical host " + servers.host(),
                "  User " + servers.user(),
                ""));
        Process ssh = new ProcessBuilder("ssh", "-F", config.toString(), "-G", "rbcanon").redirectErrorStream(true).start();
        String byssh = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ssh.waitFor(), byssh);
        assertTrue(byssh.contains("\nport " + servers.portB() + "\n") && byssh.contains("\nuser " + servers.user() + "\n"), byssh);
        SshEnvironment env = new SshEnvironment(home, "nobody-here", Map.of(), new HostKeyChecking.Setting(true, null));
        SshTarget target = SshSettings.target(Map.of("ansible_connection", "ssh", "ansible_ssh_common_args", "-F " + config), "rbcanon", env);
        assertEquals(servers.user() + "@" + servers.host() + ":" + servers.portB(), target.describe());
        Execution r = sessions.connection(target).run(new CommandLine(List.of("id", "-un"), null, null, Map.of()));
        assertEquals(servers.user(), r.stdout().trim());
    }
}
