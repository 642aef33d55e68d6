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
 * A delegate's connection variables are templates ({@code ansible_host: "{{ addr }}"}, {@code ansible_port}, {@code
 * ansible_user}) of variables the task's host has too, with other values: ansible-core 2.14 connects with the
 * delegate's own rendering (its TaskExecutor's cvars are the delegate's hostvars), so does the engine — to server A as
 * the test user, not to the host's 127.0.0.2, server B and nobody — while the task's templates see the host's, the
 * same output from both. The task's keywords (port, connection, become_user, timeout) are rendered with the host's
 * variables but remote_user, taken by a delegate without a user of its own as written, with the delegate's. Needs the OpenSSH test servers ({@code .ci/ssh-setup.sh}).
 */
class DelegatedSshVarsTest {
    @TempDir
    Path dir;

    @Test
    void theDelegatesConnectionVariablesAreRenderedWithItsOwnVariablesAsAnsibleConnects() throws Exception {
        Map<String, String> env = SshTestServers.require();
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-ssh")), dir);
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  vars:\n"
                + "    ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n"
                + "    ansible_ssh_common_args: -o UserKnownHostsFile=" + env.get("SSH_IT_KNOWN_HOSTS") + "\n"
                + "  hosts:\n    h1:\n      ansible_connection: local\n      ansible_user: " + env.get("SSH_IT_USER") + "\n"
                + "      sshport: " + env.get("SSH_IT_PORT_B") + "\n      addr: 127.0.0.2\n      who: nobody\n"
                + "    d1:\n      ansible_host: \"{{ addr }}\"\n      ansible_port: \"{{ sshport }}\"\n      ansible_user: \"{{ who }}\"\n"
                + "      sshport: " + env.get("SSH_IT_PORT") + "\n      addr: " + env.get("SSH_IT_HOST") + "\n      who: " + env.get("SSH_IT_USER") + "\n");
        List<String> args = List.of("-i", "hosts.yml", "site.yml", "-vvv");
        String ansible = FolderRun.succeeded(dir, "/usr/bin/ansible-playbook", args);
        String engine = FolderRun.succeeded(dir, null, args);
        assertTrue(ansible.contains("-o Port=" + env.get("SSH_IT_PORT") + " ") && ansible.contains("-o 'User=\"" + env.get("SSH_IT_USER") + "\"'"),
                "ansible-playbook connects to the delegate's port as its user: " + ansible);
        assertTrue(engine.contains("SSH: new session to " + env.get("SSH_IT_USER") + "@" + env.get("SSH_IT_HOST") + ":" + env.get("SSH_IT_PORT") + " "),
                "the engine connects where ansible-playbook does: " + engine);
        String shown = "\"msg\": \"127.0.0.2 " + env.get("SSH_IT_PORT_B") + " " + env.get("SSH_IT_USER") + " h1 h1\"";
        assertTrue(ansible.contains(shown), ansible);
        assertTrue(engine.contains(shown), "the templates see the host's variables, as ansible-playbook's: " + engine);
        assertEquals(recap(ansible), recap(engine));
    }

    @Test
    void theTasksKeywordsAreRenderedWithTheHostsVariablesButRemoteUserWithTheDelegatesAsAnsibleDoes() throws Exception {
        Map<String, String> env = SshTestServers.require();
        EngineRun.copyTree(Path.of(EngineRun.fixture("delegate-ssh")), dir);
        // each keyword's template gives a working value with the variables ansible-playbook renders it with, a failing
        // one with the others: nobody has no key, port 2 no server, local runs as root, root needs a password, 1 s < 2 s
        Files.writeString(dir.resolve("hosts.yml"), "all:\n  vars:\n"
                + "    ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n"
                + "    ansible_ssh_common_args: -o UserKnownHostsFile=" + env.get("SSH_IT_KNOWN_HOSTS") + "\n"
                + "    port_a: " + env.get("SSH_IT_PORT") + "\n  hosts:\n"
                + "    h1: {ansible_connection: local, who: nobody, p: " + env.get("SSH_IT_PORT_B") + ", c: ssh, bu: nobody, t: 30}\n"
                + "    d1: {ansible_host: " + env.get("SSH_IT_HOST") + ", who: " + env.get("SSH_IT_USER") + ", p: 2, c: local, bu: root, t: 1}\n");
        List<String> args = List.of("-i", "hosts.yml", "keywords.yml", "-v");
        String ansible = FolderRun.succeeded(dir, "/usr/bin/ansible-playbook", args);
        String engine = FolderRun.succeeded(dir, null, args);
        String user = "[\"" + env.get("SSH_IT_USER") + "\"]";
        List<String> expected = List.of(user, user, user, "[\"nobody\"]", "[]");
        assertEquals(expected, stdoutLines(ansible), ansible);
        assertEquals(expected, stdoutLines(engine), "the engine runs each task as ansible-playbook: " + engine);
        assertEquals(recap(ansible), recap(engine));
    }

    private static List<String> stdoutLines(String out) {
        return java.util.regex.Pattern.compile("\"stdout_lines\": (\\[[^]]*])").matcher(out).results().map(m -> m.group(1)).toList();
    }

    private static String recap(String out) {
        return out.substring(out.indexOf("PLAY RECAP")).replaceAll("\\s", "");
    }
}
