package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook's library/ modules on a host behind a real OpenSSH server ({@code .ci/ssh-setup.sh}): a new-style Python
 * module with the controller's ansible.module_utils, a WANT_JSON script, junk around the JSON and MODULE FAILURE, run
 * as the login user in a temporary folder of the host that is gone afterwards; with become to an unprivileged user
 * (nobody, through sudo), as that user, which can read them (Ansible's _fixup_perms2 makes its files readable for it;
 * the engine writes them as that user).
 */
class LibraryModulesOverSshTest {
    private static final String PLAYBOOK = Path.of("test/resources/parity/library_modules/over_ssh.yml").toAbsolutePath()
            .toString();
    @TempDir
    Path dir;

    @Test
    void theModulesRunOnTheHostAndLeaveNoTemporaryFolder() throws Exception {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", inventory().toString(), "-vvv");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("app-1", 6, 3, 0, 0, 0, 0, 1);
        assertTrue(r.out().contains("AnsiballZ_greet.py"), r.toString());
        assertNoFolderLeft(r);
    }

    @Test
    void withBecomeToAnUnprivilegedUserTheModulesRunAsThatUser() throws Exception {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", inventory().toString(), "-vvv", "-e", "ansible_become=true",
                "-e", "ansible_become_user=nobody");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("app-1", 6, 3, 0, 0, 0, 0, 1);
        assertTrue(r.out().contains("\"stdout\": \"nobody\""), r.toString());
        assertNoFolderLeft(r);
    }

    private Path inventory() throws java.io.IOException {
        Map<String, String> env = SshTestServers.require();
        return Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    app-1:\n"
                + "      ansible_host: " + env.get("SSH_IT_HOST") + "\n"
                + "      ansible_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + "      ansible_user: " + env.get("SSH_IT_USER") + "\n"
                + "      ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n"
                + "      ansible_ssh_known_hosts_file: " + env.get("SSH_IT_KNOWN_HOSTS") + "\n");
    }

    /**
     * The module folders the run names in its -vvv output (the SSH servers' host is this machine) are gone: the run's own,
     * not a listing of /tmp, where other test classes' runs make and remove theirs at the same time.
     */
    private static void assertNoFolderLeft(RunResult r) {
        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/[^\\s\"'/]+/ansible-tmp-runbook\\.[A-Za-z0-9]+").matcher(r.out());
        while (m.find()) {
            used.add(m.group());
        }
        assertFalse(used.isEmpty(), "the run's -vvv output names the module's temporary folder: " + r);
        assertEquals(List.of(), used.stream().filter(f -> Files.exists(Path.of(f))).toList(),
                "a module's temporary folder is left on the host");
    }
}
