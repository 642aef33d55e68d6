package io.runbook.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook's Python action plugins on a host behind a real OpenSSH server ({@code .ci/ssh-setup.sh}), compared with
 * ansible-playbook line for line: as the login user and become root (with its password), the plugin's module and
 * commands run as that user, its files copied to the host over the connection ({@code _transfer_file},
 * {@code _transfer_data}: their modes as sftp gives them, then {@code _fixup_perms2}'s u+x), fetched back and removed.
 */
class PythonActionsOverSshTest {
    private static final Path DIR = Path.of("test/resources/engine/python_actions").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void actionPluginsCopyFilesAndRunModulesOverSshAsAnsibleDoes() throws Exception {
        Map<String, String> env = SshTestServers.require();
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    app-1:\n"
                + "      ansible_host: " + env.get("SSH_IT_HOST") + "\n"
                + "      ansible_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + "      ansible_user: " + env.get("SSH_IT_USER") + "\n"
                + "      ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n"
                + "      ansible_ssh_common_args: -o UserKnownHostsFile=" + env.get("SSH_IT_KNOWN_HOSTS") + "\n"
                + "      ansible_ssh_known_hosts_file: " + env.get("SSH_IT_KNOWN_HOSTS") + "\n"
                + "      ansible_become_password: " + env.get("SSH_IT_PASSWORD") + "\n");
        PythonLookupsTest.same(DIR, Map.of(), 0, "over_ssh.yml", "-i", inventory.toString(), "-c", "ssh");
    }
}
