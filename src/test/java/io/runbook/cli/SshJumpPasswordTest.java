package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password ({@code ansible_password}) with a ProxyJump host, against the real servers of {@code .ci/ssh-setup.sh},
 * the engine beside Debian's ansible-playbook: Ansible's sshpass answers one password prompt of the ssh command, so
 * the jump host or the target may log in with it, not both: then sshpass takes the second prompt for a wrong password
 * and the host is unreachable with Ansible's {@code Invalid/incorrect password:}.
 */
class SshJumpPasswordTest {
    @TempDir
    Path dir;

    @Test
    void onlyOneOfTheJumpHostAndTheTargetLogsInWithThePasswordAsWithAnsiblesSshpass() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        // server A as the jump host, with or without a key of its own; neither has a key from root's ~/.ssh
        String jump = "  HostName " + env.get("SSH_IT_HOST") + "\n  Port " + env.get("SSH_IT_PORT") + "\n  User " + env.get("SSH_IT_USER")
                + "\n  UserKnownHostsFile " + env.get("SSH_IT_KNOWN_HOSTS") + "\n";
        Path config = Files.writeString(dir.resolve("ssh_config"), "Host jump-password\n" + jump
                + "Host jump-key\n" + jump + "  IdentityFile " + env.get("SSH_IT_KEY") + "\n");
        String common = " ansible_host=" + env.get("SSH_IT_HOST") + " ansible_port=" + env.get("SSH_IT_PORT_B") + " ansible_user="
                + env.get("SSH_IT_USER") + " ansible_password=" + env.get("SSH_IT_PASSWORD") + " ansible_ssh_known_hosts_file="
                + env.get("SSH_IT_KNOWN_HOSTS") + " ansible_python_interpreter=/usr/bin/python3 ansible_ssh_common_args='-F " + config
                // the target's keys from the test's file for ssh too (not the passwd home's ~/.ssh/known_hosts, which can
                // hold another key for the same port from an earlier set-up on the machine)
                + " -o UserKnownHostsFile=" + env.get("SSH_IT_KNOWN_HOSTS");
        Path inventory = Files.writeString(dir.resolve("hosts"),
                "both" + common + " -J jump-password'\n"
                + "jumpkey" + common + " -J jump-key'\n"
                + "targetkey" + common + " -J jump-password' ansible_ssh_private_key_file=" + env.get("SSH_IT_KEY") + "\n");
        // no ControlMaster: the three hosts are one server and user, which would share Ansible's ControlPath
        Map<String, String> run = new HashMap<>(Map.of("SSH_AUTH_SOCK", "", "ANSIBLE_SSH_ARGS", "-o ControlMaster=no", "HOME", dir.toString()));
        ProcessBuilder pb = new ProcessBuilder(FactsSideBySide.ANSIBLE.toString(), EngineRun.fixture("ssh/ping.yml"), "-i",
                inventory.toString()).redirectErrorStream(true);
        pb.environment().putAll(run);
        Process p = pb.start();
        String ansible = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(4, p.waitFor(), ansible);
        RunResult r = EngineRun.cli(run, EngineRun.fixture("ssh/ping.yml"), "-i", inventory.toString());
        assertEquals(4, r.exitCode(), r.toString());
        String engine = r.out().replaceAll("\\s+", " ");
        for (String said : new String[] {ansible.replaceAll("\\s+", " "), engine}) {
            assertTrue(said.contains("fatal: [both]: UNREACHABLE! => {\"changed\": false, \"msg\": \"Invalid/incorrect password:"), said);
            assertTrue(said.contains("ok: [jumpkey]"), said);
            assertTrue(said.contains("ok: [targetkey]"), said);
            assertTrue(said.contains("both : ok=0 changed=0 unreachable=1 failed=0"), said);
        }
        assertTrue(engine.contains("sshpass answers one password prompt of the ssh command, here a jump host's ("
                + env.get("SSH_IT_USER") + "@" + env.get("SSH_IT_HOST") + ":" + env.get("SSH_IT_PORT") + ")"), engine);
    }
}
