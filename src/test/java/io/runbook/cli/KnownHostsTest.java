package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * known-hosts/bastion.yml against a real OpenSSH server ({@code .ci/ssh-setup.sh}): the bastion's host key, scanned with
 * ssh-keyscan, is written into known_hosts with the known_hosts module, and the SSH connection that checks that file
 * then reaches the bastion; without it the bastion is refused.
 */
class KnownHostsTest {
    @TempDir
    Path dir;
    private Map<String, String> env;
    private Path knownHosts;
    private Path inventory;

    @BeforeEach
    void bastion() throws IOException {
        env = SshTestServers.require();
        knownHosts = dir.resolve("known_hosts");
        inventory = Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n"
                + "    localhost:\n      ansible_connection: local\n"
                + "    bastion:\n"
                + "      ansible_host: " + env.get("SSH_IT_HOST") + "\n"
                + "      ansible_port: " + env.get("SSH_IT_PORT_B") + "\n"
                + "      ansible_user: " + env.get("SSH_IT_USER") + "\n"
                + "      ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY") + "\n"
                + "      ansible_ssh_known_hosts_file: " + knownHosts + "\n");
    }

    private RunResult run(String... more) {
        List<String> args = new ArrayList<>(List.of(EngineRun.fixture("known-hosts/bastion.yml"), "-i", inventory.toString(),
                "-e", "known_hosts=" + knownHosts));
        args.addAll(List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    private String name() {
        return "[" + env.get("SSH_IT_HOST") + "]:" + env.get("SSH_IT_PORT_B");
    }

    @Test
    void theBastionsKeyIsAddedOnceAndTheConnectionThenTrustsIt() throws Exception {
        RunResult first = run("--diff");
        assertEquals(0, first.exitCode(), first.toString());
        first.assertRecap("localhost", 2, 1, 0, 0, 0, 0, 0);
        first.assertRecap("bastion", 1, 0, 0, 0, 0, 0, 0);
        String line = Files.readString(knownHosts);
        assertTrue(line.startsWith(name() + " ssh-ed25519 AAAA") && line.endsWith("\n") && line.lines().count() == 1, line);
        assertTrue(first.out().contains("--- before: /dev/null\n+++ after: " + knownHosts + "\n@@ -0,0 +1 @@\n+" + line), first.out());
        assertEquals("0644", first.registered("the bastion's host key in known_hosts", "localhost").get("mode"));

        RunResult second = run("--diff");
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
        assertFalse(second.out().contains("--- before"), "nothing changed, no diff shown:\n" + second.out());
        assertEquals(line, Files.readString(knownHosts));
    }

    @Test
    void aHashedNameIsTrustedToo() throws Exception {
        RunResult r = run("-e", "hashed=true");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("bastion", 1, 0, 0, 0, 0, 0, 0);
        String line = Files.readString(knownHosts);
        assertTrue(line.startsWith("|1|") && !line.contains(env.get("SSH_IT_HOST")), line);
        assertEquals(0, run("-e", "hashed=true").recap("localhost").get("changed"), "the hashed entry is found again");
    }

    @Test
    void checkModeShowsTheKeyItWouldAddAndTheBastionStaysUnknown() throws Exception {
        Files.writeString(knownHosts, "# the fleet's hosts\n");
        RunResult r = run("--check", "--diff");
        assertEquals(4, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 1, 0, 0, 0, 0, 0);
        r.assertRecap("bastion", 0, 0, 1, 0, 0, 0, 0);
        assertTrue(r.out().contains("--- before: " + knownHosts + "\n+++ after: " + knownHosts + "\n@@ -1 +1,2 @@\n # the fleet's hosts\n+"
                + name() + " ssh-ed25519 AAAA"), r.out());
        assertEquals("# the fleet's hosts\n", Files.readString(knownHosts), "check mode writes nothing");
    }

    /** As Ansible's module, the key is appended to a last line without a newline, and --diff marks that line as Ansible's. */
    @Test
    void aLastLineWithoutANewlineIsJoinedAndTheDiffMarksIt() throws Exception {
        Files.writeString(knownHosts, "# the fleet's hosts");
        RunResult r = run("--check", "--diff");
        assertEquals(4, r.exitCode(), r.toString());
        assertTrue(r.out().contains("@@ -1 +1 @@\n-# the fleet's hosts\n\\ No newline at end of file\n+# the fleet's hosts"
                + name() + " ssh-ed25519 AAAA"), r.out());
        assertEquals("# the fleet's hosts", Files.readString(knownHosts));
    }
}
