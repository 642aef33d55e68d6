package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reboot} against hosts behind a real OpenSSH server ({@code .ci/ssh-setup.sh}) whose "boot id" is a file
 * their {@code reboot_command} writes anew: the results and messages are ansible-core 2.14's, checked against
 * ansible-playbook running the same playbooks against the same server (only {@code elapsed} differs, and the engine
 * reads stdout and stderr apart where Ansible's SSH client gives them through one terminal).
 */
class RebootTest {
    private static final Path PLAYBOOKS = EngineRun.FIXTURES.resolve("reboot");
    @TempDir
    Path dir;
    private Map<String, String> env;
    private Path hosts;

    @BeforeEach
    void servers() throws IOException {
        env = SshTestServers.require();
        hosts = SshTestServers.userFolder(env, "reboot");
        UserPrincipal user = Files.getOwner(hosts);
        for (String host : new String[] {"h1", "h2"}) {
            Files.setOwner(Files.createDirectory(hosts.resolve(host)), user);
            Files.setOwner(Files.writeString(hosts.resolve(host + "/boot_id"), "first-boot\n"), user);
        }
    }

    @AfterEach
    void removeHosts() throws IOException {
        try (Stream<Path> all = Files.walk(hosts)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** h1 and h2, both server B; h1's test command works once h2 has rebooted, h2's works the second time. */
    private Path inventory() throws IOException {
        return inventory("");
    }

    private Path inventory(String moreVars) throws IOException {
        return Files.writeString(dir.resolve("hosts.yml"), "all:\n  vars:\n" + SshTestServers.serverB(env, "    ") + moreVars
                + "  hosts:\n"
                + "    h1:\n      boot_dir: " + hosts.resolve("h1") + "\n"
                + "      up_test: test -e " + hosts.resolve("h2/rebooted") + "\n"
                + "    h2:\n      boot_dir: " + hosts.resolve("h2") + "\n"
                + "      up_test: test -e " + hosts.resolve("h2/up") + " || { touch " + hosts.resolve("h2/up") + "; exit 1; }\n");
    }

    private RunResult run(String playbook, String... more) throws IOException {
        String[] args = Stream.concat(Stream.of(PLAYBOOKS.resolve(playbook).toString(), "-i", inventory().toString()), Stream.of(more))
                .toArray(String[]::new);
        return EngineRun.cli(args);
    }

    @Test
    void hostsRebootUntilTheirBootIdChangesAndTheTestCommandWorksWithoutHoldingAFork() throws Exception {
        // one fork: h1's wait holding it would leave h2 never rebooted, and h1's test command never working
        RunResult r = run("reboot.yml", "-f", "1");
        assertEquals(0, r.exitCode(), r.toString());
        for (String host : new String[] {"h1", "h2"}) {
            r.assertRecap(host, 2, 1, 0, 0, 0, 0, 0);
            Map<String, Object> result = r.registered("Reboot", host);
            assertEquals(true, result.get("rebooted"), result.toString());
            assertTrue(result.get("elapsed") instanceof Integer, result.toString());
            assertEquals("rebooted=True changed=True elapsed is int=True", r.msg("Show it", host));
            assertNotEquals("first-boot", Files.readString(hosts.resolve(host + "/boot_id")).strip());
        }
        assertTrue(Files.exists(hosts.resolve("h2/up")), "h2's test command failed once, then worked");
    }

    @Test
    void withBecomeTheCommandsRunAsRootAndThePasswordIsNeverShown() throws Exception {
        String password = env.get("SSH_IT_PASSWORD");
        assumeTrue(env.get("SSH_IT_SUDOERS") != null && !env.get("SSH_IT_SUDOERS").isEmpty(), "the test servers have no sudo rules");
        Path inv = inventory("    ansible_become: true\n    ansible_become_password: \"" + password + "\"\n");
        RunResult r = EngineRun.cli(PLAYBOOKS.resolve("reboot.yml").toString(), "-i", inv.toString(), "--limit", "h2", "-vvvv");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("h2", 2, 1, 0, 0, 0, 0, 0);
        assertEquals("root", Files.getOwner(hosts.resolve("h2/up")).getName(), "the test command ran as root");
        assertFalse(r.out().contains(password) || r.err().contains(password), "the password shown:\n" + r);
        assertFalse(r.events().toString().contains(password), "the password in the events");
    }

    @Test
    void checkModeSaysTheHostWouldRebootAndRunsNothing() throws Exception {
        RunResult r = run("reboot.yml", "--check");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("h1", 2, 1, 0, 0, 0, 0, 0);
        assertEquals(Map.of("changed", true, "elapsed", 0, "rebooted", true), r.registered("Reboot", "h1"));
        assertEquals("first-boot", Files.readString(hosts.resolve("h1/boot_id")).strip());
        assertFalse(Files.exists(hosts.resolve("h2/up")));
    }

    @Test
    void aBootIdThatNeverChangesTimesOutAsAnsiblesAndTheTaskTimeoutEndsTheWait() throws Exception {
        RunResult r = run("never.yml", "--limit", "h1");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("h1", 3, 0, 0, 0, 0, 0, 2);
        Map<String, Object> timedOut = r.registered("Reboot", "h1");
        assertEquals("Timed out waiting for last boot time check (timeout=2)", timedOut.get("msg"), timedOut.toString());
        assertEquals(true, timedOut.get("rebooted"));
        assertEquals("failed=True rebooted=True changed=False", r.msg("Show it", "h1"));
        assertEquals("The reboot action failed to execute in the expected time frame (2) and was terminated",
                r.registered("Reboot within the task's time limit", "h1").get("msg"));
    }

    @Test
    void aRebootThatCannotStartFailsWithAnsiblesWords() throws Exception {
        RunResult r = run("errors.yml", "--limit", "h1");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("h1", 4, 0, 0, 0, 0, 0, 3);
        assertEquals(java.util.List.of(
                "reboot: failed to get host boot time info, rc: 1, stdout: , stderr: cat: " + hosts.resolve("h1/missing")
                        + ": No such file or directory\n reboot=False",
                "Reboot command failed. Error was: 'out, err' rebooted=False",
                "Unable to find command \"runbook-no-such-reboot\" in search paths: ['" + hosts.resolve("h1") + "', '/nowhere']"),
                r.msg("Show them", "h1"));
    }

    @Test
    void withAsyncItRunsToItsEndWithoutAJobAsAnsiblesAction() throws Exception {
        RunResult r = run("async.yml");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("h1", 3, 1, 0, 0, 0, 0, 1);
        assertEquals("No job id was returned by the async task", r.registered("Reboot and poll", "h1").get("msg"));
        assertEquals("rebooted=True job=none", r.msg("Show it", "h1"));
    }

    @Test
    void theControlNodeIsNeverRebooted() throws Exception {
        RunResult r = run("local.yml");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 1);
        Map<String, Object> refused = r.registered("Reboot", "localhost");
        assertEquals("Running reboot with local connection would reboot the control node.", refused.get("msg"), refused.toString());
        assertEquals(false, refused.get("rebooted"));
        assertEquals(0, refused.get("elapsed"));
    }
}
