package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's connection decides where host modules act; one the engine does not have stops the run before anything runs. */
class ConnectionTest {
    @TempDir
    Path dir;

    private RunResult run(String playbook, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = EngineRun.fixture("connection/" + playbook);
        args[1] = "-i";
        args[2] = EngineRun.fixture("connection/unsupported.yml");
        args[3] = "-e marker=" + dir.resolve("ran");
        System.arraycopy(more, 0, args, 4, more.length);
        return EngineRun.cli(args);
    }

    private void refusedBeforeAnythingRan(RunResult r, String expected) {
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        assertFalse(Files.exists(dir.resolve("ran")), "the command ran on the controller: " + r);
        assertTrue(r.err().lines().anyMatch(l -> l.equals(expected)), "expected\n" + expected + "\nin\n" + r);
    }

    @Test
    void hostWithAConnectionTheEngineDoesNotHaveIsAnInputErrorAtItsVariable() {
        RunResult r = run("write_marker.yml");
        refusedBeforeAnythingRan(r, "ERROR: " + EngineRun.FIXTURES.resolve("connection/unsupported.yml")
                + ":5:7: host 'db-1' has ansible_connection: winrm, a connection this engine does not have, so nothing was run"
                + " (connections: local, paramiko, paramiko_ssh, smart, ssh)");
    }

    @Test
    void playConnectionKeywordIsCheckedToo() {
        RunResult r = run("play_connection.yml");
        refusedBeforeAnythingRan(r, "ERROR: " + EngineRun.FIXTURES.resolve("connection/play_connection.yml")
                + ":3:15: play 'a play that names a connection the engine does not have' has connection: community.docker.docker,"
                + " a connection this engine does not have, so nothing was run (connections: local, paramiko, paramiko_ssh, smart, ssh)");
    }

    @Test
    void extraVarsConnectionIsCheckedToo() {
        RunResult r = run("write_marker.yml", "-e", "ansible_connection=docker", "--limit", "web-1");
        refusedBeforeAnythingRan(r, "ERROR: extra vars: -e ansible_connection=docker, a connection this engine does not have,"
                + " so nothing was run (connections: local, paramiko, paramiko_ssh, smart, ssh)");
    }

    @Test
    void hostsLeftOutByLimitAreNotChecked() {
        RunResult r = run("write_marker.yml", "--limit", "web-1", "-e", "ansible_connection=local");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.exists(dir.resolve("ran")), r.toString());
    }

    @Test
    void aPluginsCollectionNameIsThatConnectionAsInAnsible() {
        for (String name : new String[] {"ansible.builtin.local", "ansible.legacy.local"}) {
            assertTrue(!Files.exists(dir.resolve("ran")) || dir.resolve("ran").toFile().delete());
            RunResult r = run("write_marker.yml", "--limit", "web-1", "-e", "ansible_connection=" + name);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(Files.exists(dir.resolve("ran")), r.toString());
        }
        assertTrue(dir.resolve("ran").toFile().delete());
        // smart is an alias of the ssh plugin, not a plugin of ansible.builtin (ansible-playbook: 'was not found')
        RunResult r = run("write_marker.yml", "-e", "ansible_connection=ansible.builtin.smart", "--limit", "web-1");
        refusedBeforeAnythingRan(r, "ERROR: extra vars: -e ansible_connection=ansible.builtin.smart, a connection this engine"
                + " does not have, so nothing was run (connections: local, paramiko, paramiko_ssh, smart, ssh)");
    }

    @Test
    void aKubeSshTunnelThatIsNoBastionAddressIsAnInputErrorAtItsVariable() {
        RunResult r = EngineRun.cli(EngineRun.fixture("connection/write_marker.yml"), "-i", EngineRun.fixture("connection/bad_tunnel.yml"),
                "-e", "marker=" + dir.resolve("ran"));
        refusedBeforeAnythingRan(r, "ERROR: " + EngineRun.FIXTURES.resolve("connection/bad_tunnel.yml")
                + ":5:7: host 'mgmt' has kube_ssh_tunnel: ops@bastion:22a, so nothing was run: 'ops@bastion:22a' has port '22a',"
                + " not a port number (1-65535); write [user@]host[:port], or a,b for several jumps");
    }
}
