package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.ClosedPort;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in to real OpenSSH servers ({@code .ci/ssh-setup.sh}): keys, passwords, passphrases, ProxyJump over
 * one and two jump hosts, ~/.ssh/config, strict host keys (unknown, changed, hashed), and the one-line errors
 * for a refused key, a refused or silent port and a failing jump host. No secret ever appears in a message.
 */
@io.runbook.modules.Exclusive("openssh")
class OpenSshConnectionTest {
    @TempDir
    Path home;
    private SshServers servers;
    private final SshSessions sessions = new SshSessions();

    @BeforeEach
    void servers() throws IOException {
        servers = SshServers.require();
        Files.createDirectories(home.resolve(".ssh"));
    }

    @AfterEach
    void close() {
        sessions.close();
    }

    private SshEnvironment env(boolean hostKeyChecking) {
        return new SshEnvironment(home, "nobody-here", Map.of(), new HostKeyChecking.Setting(hostKeyChecking,
                hostKeyChecking ? null : "ANSIBLE_HOST_KEY_CHECKING=False"));
    }

    private Map<String, Object> vars(Object... kv) {
        Map<String, Object> vars = new LinkedHashMap<>(servers.targetVars());
        for (int i = 0; i < kv.length; i += 2) {
            vars.put((String) kv[i], kv[i + 1]);
        }
        return vars;
    }

    private Execution whoami(Map<String, Object> vars, SshEnvironment env) throws Exception {
        SshTarget target = SshSettings.target(vars, "target", env);
        return sessions.connection(target).run(new CommandLine(List.of("sh", "-c", "id -un; echo \"$SSH_CONNECTION\""), null, null, Map.of()));
    }

    /**
     * The jump hosts' key and known hosts file in the user's ssh config, as Ansible's ssh needs them: ssh gives a
     * ProxyJump hop -l, -p and -F only, not the -o IdentityFile Ansible writes for ansible_ssh_private_key_file nor
     * any other -o option.
     */
    private void jumpKeyInTheSshConfig() throws IOException {
        jumpInTheSshConfig("  UserKnownHostsFile " + servers.get("SSH_IT_KNOWN_HOSTS") + "\n");
    }

    private void jumpInTheSshConfig(String more) throws IOException {
        Files.writeString(home.resolve(".ssh/config"), "Host " + servers.host() + "\n  IdentityFile " + servers.get("SSH_IT_KEY") + "\n" + more);
    }

    /**
     * A ProxyJump hop's host key is checked as its ssh config entry says, not as the target's command line or
     * variables do (ssh -vvv: the hop ssh reads ~/.ssh/known_hosts though -o UserKnownHostsFile names another, and
     * -o StrictHostKeyChecking=no, host_key_checking = False's, is the target's only): with no UserKnownHostsFile for
     * the jump, its key is unknown; the config's StrictHostKeyChecking no lets it through.
     */
    @Test
    void aProxyJumpHopsHostKeyIsCheckedAsItsSshConfigSaysNotAsTheTargets() throws Exception {
        String jump = servers.user() + "@" + servers.host() + ":" + servers.portA();
        jumpInTheSshConfig("");
        Map<String, Object> vars = vars("ansible_ssh_common_args", "-o UserKnownHostsFile=" + servers.get("SSH_IT_KNOWN_HOSTS")
                + " -o StrictHostKeyChecking=no -J " + jump);
        ModuleException unknown = refused(vars, env(false));
        assertTrue(unknown.getMessage().contains("through jump host " + jump) && unknown.getMessage().contains("is not known: it offers ssh-ed25519 "
                + fingerprint(servers.get("SSH_IT_DIR") + "/host_a.pub") + ", which is not in " + home.resolve(".ssh/known_hosts")), unknown.getMessage());
        assertTrue(unknown.getMessage().endsWith("or give the jump host a UserKnownHostsFile (or StrictHostKeyChecking no) in the ssh config:"
                + " ssh checks a ProxyJump host's key as the ssh config says, not as host_key_checking or the target's options"), unknown.getMessage());
        jumpInTheSshConfig("  StrictHostKeyChecking no\n");
        assertEquals(0, whoami(vars, env(true)).rc());
    }

    private ModuleException refused(Map<String, Object> vars, SshEnvironment env) {
        ModuleException e = assertThrows(ModuleException.class, () -> whoami(vars, env));
        assertTrue(e.isUnreachable(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private String fingerprint(String publicKeyFile) throws Exception {
        String line = Files.readString(Path.of(publicKeyFile)).trim();
        byte[] blob = java.util.Base64.getDecoder().decode(line.split("\\s+")[1]);
        return HostKeyText.fingerprint(blob);
    }

    @Test
    void keyLoginRunsCommandsAsTheUserAndReusesOneSession() throws Exception {
        Execution first = whoami(vars(), env(true));
        assertEquals(0, first.rc());
        assertEquals(servers.user(), first.stdout().lines().findFirst().orElse(""));
        SshTarget target = SshSettings.target(vars(), "target", env(true));
        assertTrue(sessions.connection(target) == sessions.connection(target), "one connection per host per run");
    }

    @Test
    void hashedKnownHostsEntriesAreAccepted() throws Exception {
        assertEquals(0, whoami(vars("ansible_ssh_known_hosts_file", servers.get("SSH_IT_KNOWN_HOSTS_HASHED")), env(true)).rc());
    }

    @Test
    void twoJumpHostsLeadToTheTargetAndTheBastionForwardsForIt() throws Exception {
        String jump = servers.user() + "@" + servers.host() + ":" + servers.portA();
        String jump2 = servers.user() + "@" + servers.host() + ":" + servers.portB();
        long before = servers.forwardsThroughA(servers.portB());
        jumpKeyInTheSshConfig();
        Execution r = whoami(vars("ansible_ssh_common_args", "-o ProxyJump=" + jump + "," + jump2 + " -o ControlPersist=60s"), env(true));
        assertEquals(servers.user(), r.stdout().lines().findFirst().orElse(""));
        long deadline = System.currentTimeMillis() + 120_000;  // bounds a hang; a loaded machine may start it slowly
        while (servers.forwardsThroughA(servers.portB()) <= before && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(servers.forwardsThroughA(servers.portB()) > before, "server A forwarded a connection to B");
    }

    @Test
    void sshConfigGivesHostNamePortUserKeyJumpAndKnownHosts() throws Exception {
        Path config = home.resolve("ssh_config");
        Files.writeString(config, String.join("\n",
                "Host bastion",
                "  HostName " + servers.host(),
                "  Port " + servers.portA(),
                "  User " + servers.user(),
                "  IdentityFile " + servers.get("SSH_IT_KEY"),
                "  UserKnownHostsFile " + servers.get("SSH_IT_KNOWN_HOSTS"),
                "Host db-1",
                "  HostName " + servers.host(),
                "  Port " + servers.portB(),
                "  User " + servers.user(),
                "  IdentityFile " + servers.get("SSH_IT_KEY"),
                "  ProxyJump bastion",
                "  UserKnownHostsFile " + servers.get("SSH_IT_KNOWN_HOSTS"),
                ""));
        Map<String, Object> vars = Map.of("ansible_connection", "ssh", "ansible_ssh_common_args", "-F " + config);
        SshTarget target = SshSettings.target(vars, "db-1", env(true));
        assertEquals(servers.user() + "@" + servers.host() + ":" + servers.portB() + " (via " + servers.user() + "@" + servers.host()
                + ":" + servers.portA() + ")", target.describe());
        Execution r = sessions.connection(target).run(new CommandLine(List.of("id", "-un"), null, null, Map.of()));
        assertEquals(servers.user(), r.stdout().trim());
    }

    @Test
    void changedHostKeyMakesTheHostUnreachableWithTheFingerprintAndTheLineToEdit() throws Exception {
        String file = servers.get("SSH_IT_KNOWN_HOSTS_CHANGED");
        ModuleException e = refused(vars("ansible_ssh_known_hosts_file", file), env(true));
        String name = "[" + servers.host() + "]:" + servers.portB();
        assertTrue(e.getMessage().startsWith("cannot connect to " + servers.user() + "@" + servers.host() + ":" + servers.portB()
                + " over SSH: the host key of " + name + " has CHANGED: it now offers ssh-ed25519 "
                + fingerprint(servers.get("SSH_IT_DIR") + "/host_b.pub") + ", not the key in " + file + " line 2; nothing was run."),
                e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keygen -f " + file + " -R '" + name + "'"), e.getMessage());
    }

    @Test
    void unknownHostKeyIsRefusedWithItsFingerprintAndHowToAddIt() throws Exception {
        Path empty = Files.writeString(home.resolve("empty_known_hosts"), "");
        ModuleException e = refused(vars("ansible_ssh_known_hosts_file", empty.toString()), env(true));
        assertTrue(e.getMessage().contains("is not known: it offers ssh-ed25519 " + fingerprint(servers.get("SSH_IT_DIR") + "/host_b.pub")
                + ", which is not in " + empty), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keyscan -p " + servers.portB() + " -t ed25519 " + servers.host() + " >> " + empty), e.getMessage());
        assertEquals("", Files.readString(empty), "nothing was added");
    }

    @Test
    void hostKeyCheckingOffConnectsDespiteAChangedKeyAndAcceptNewAddsAnUnknownOne() throws Exception {
        assertEquals(0, whoami(vars("ansible_ssh_known_hosts_file", servers.get("SSH_IT_KNOWN_HOSTS_CHANGED")), env(false)).rc());
        Path fresh = home.resolve("fresh_known_hosts");
        Execution r = whoami(vars("ansible_ssh_known_hosts_file", fresh.toString(), "ansible_ssh_common_args",
                "-o StrictHostKeyChecking=accept-new"), env(true));
        assertEquals(0, r.rc());
        assertTrue(Files.readString(fresh).startsWith("[" + servers.host() + "]:" + servers.portB() + " ssh-ed25519 "), Files.readString(fresh));
    }

    @Test
    void aKeyThatIsNotAuthorisedIsRefusedNamingTheKey() throws Exception {
        ModuleException e = refused(vars("ansible_ssh_private_key_file", servers.get("SSH_IT_WRONG_KEY")), env(true));
        assertEquals("cannot connect to " + servers.user() + "@" + servers.host() + ":" + servers.portB() + " over SSH: authentication refused"
                + " (tried key " + servers.get("SSH_IT_WRONG_KEY") + "); check ansible_user and that the key is in " + servers.user()
                + "'s authorized_keys", e.getMessage());
    }

    @Test
    void passwordLoginWorksAndAWrongPasswordIsNeverPrinted() throws Exception {
        Map<String, Object> vars = vars("ansible_ssh_pass", servers.get("SSH_IT_PASSWORD"));
        vars.remove("ansible_ssh_private_key_file");
        assertEquals(0, whoami(vars, env(true)).rc());
        vars.put("ansible_ssh_pass", "not-the-password-xyz");
        ModuleException e = refused(vars, env(true));
        assertTrue(e.getMessage().contains("authentication refused (tried a password)"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password-xyz"));
    }

    @Test
    void encryptedKeyNeedsItsPassphraseWhichIsNeverPrinted() throws Exception {
        String passphrase = servers.get("SSH_IT_PASSPHRASE");
        assertEquals(0, whoami(vars("ansible_ssh_private_key_file", servers.get("SSH_IT_KEY_PASS"),
                "ansible_ssh_private_key_passphrase", passphrase), env(true)).rc());
        ModuleException e = refused(vars("ansible_ssh_private_key_file", servers.get("SSH_IT_KEY_PASS")), env(true));
        assertTrue(e.getMessage().contains("an encrypted key was skipped: add it to ssh-agent or set ansible_ssh_private_key_passphrase"), e.getMessage());
        ModuleException wrong = assertThrows(ModuleException.class, () -> whoami(vars("ansible_ssh_private_key_file", servers.get("SSH_IT_KEY_PASS"),
                "ansible_ssh_private_key_passphrase", "wrong-phrase-xyz"), env(true)));
        assertFalse(wrong.getMessage().contains("wrong-phrase-xyz"));
        assertFalse(wrong.getMessage().contains(passphrase));
    }

    /** A real ssh-agent on {@code socket} holding the authorised key; the caller destroys it. */
    private Process agentWithTheKey(Path socket) throws Exception {
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        long deadline = System.currentTimeMillis() + 300_000;  // bounds a hang; a busy machine may start it slowly
        while (!Files.exists(socket) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, sshAdd(socket, servers.get("SSH_IT_KEY")).rc(), "ssh-add");
        return agent;
    }

    private static Execution sshAdd(Path socket, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ssh-add"));
        command.addAll(List.of(args));
        ProcessBuilder adding = new ProcessBuilder(command).redirectErrorStream(true);
        adding.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process add = adding.start();
        String out = new String(add.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Execution(add.waitFor(), out, "", null);
    }

    @Test
    void theSshAgentsKeysAreUsed() throws Exception {
        Path socket = home.resolve("agent.sock");
        Process agent = agentWithTheKey(socket);
        try {
            Map<String, Object> vars = vars();
            vars.remove("ansible_ssh_private_key_file");
            SshEnvironment withAgent = new SshEnvironment(home, "nobody-here", Map.of("SSH_AUTH_SOCK", socket.toString()),
                    new HostKeyChecking.Setting(true, null));
            assertEquals(0, whoami(vars, withAgent).rc());
        } finally {
            agent.destroy();
        }
    }

    @Test
    void withIdentitiesOnlyTheAgentsKeysAreOfferedOnlyWhenTheyAreKeyFilesNamedAndNoKeyFileIsAddedToTheAgent() throws Exception {
        // as ssh 9.2 (checked with ssh -v against these servers): the agent's key is offered besides a key file named,
        // unless IdentitiesOnly=yes; then only when it is the key of a file named
        Path socket = home.resolve("agent.sock");
        Process agent = agentWithTheKey(socket);
        try {
            SshEnvironment withAgent = new SshEnvironment(home, "nobody-here", Map.of("SSH_AUTH_SOCK", socket.toString()),
                    new HostKeyChecking.Setting(true, null));
            String wrong = servers.get("SSH_IT_WRONG_KEY");
            assertEquals(0, whoami(vars("ansible_ssh_private_key_file", wrong), withAgent).rc());
            ModuleException only = refused(vars("ansible_ssh_private_key_file", wrong, "ansible_ssh_common_args", "-o IdentitiesOnly=yes"),
                    withAgent);
            assertTrue(only.getMessage().contains("authentication refused (tried key " + wrong + ", the ssh-agent)"), only.getMessage());
            sessions.close();
            Files.writeString(home.resolve(".ssh/config"), "Host *\n  IdentitiesOnly yes\n");
            assertEquals(0, whoami(vars("ansible_ssh_private_key_file", servers.get("SSH_IT_KEY")), withAgent).rc(),
                    "IdentitiesOnly from the config file; the key file named logs in");
            assertEquals(1, sshAdd(socket, "-l").stdout().strip().lines().count(), "the agent holds the key it was given, no other");
        } finally {
            agent.destroy();
        }
    }

    @Test
    void aRefusedPortAndASilentOneAreOneLineEach() throws Exception {
        try (ClosedPort port = ClosedPort.tcp()) {
            int closed = port.port();
            ModuleException e = refused(vars("ansible_port", closed), env(true));
            assertEquals("cannot connect to " + servers.user() + "@" + servers.host() + ":" + closed + " over SSH: connection refused"
                    + " (is sshd running on " + servers.host() + " and is the port " + closed + " right?)", e.getMessage());
        }
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ModuleException quiet = refused(vars("ansible_port", silent.getLocalPort(), "ansible_ssh_timeout", 1), env(true));
            assertTrue(quiet.getMessage().contains("within 1 s"), quiet.getMessage());
        }
    }

    /**
     * The password is offered to a ProxyJump host too: Ansible's sshpass answers the first password prompt, the jump
     * host's (ansible-playbook with a jump host that has no key and a target with its key and ansible_password logs in).
     */
    @Test
    void aProxyJumpHostIsOfferedThePasswordAsSshpassAnswersItsPrompt() throws Exception {
        String jump = servers.user() + "@" + servers.host() + ":" + servers.portA();
        Files.writeString(home.resolve(".ssh/config"), "Host " + servers.host() + "\n  UserKnownHostsFile " + servers.get("SSH_IT_KNOWN_HOSTS") + "\n");
        Execution r = whoami(vars("ansible_ssh_common_args", "-J " + jump, "ansible_password", servers.get("SSH_IT_PASSWORD")), env(true));
        assertEquals(servers.user(), r.stdout().lines().findFirst().orElse(""));
    }

    @Test
    void aProxyJumpHostIsNotLoggedInToWithTheKeyVariableAsSshDoesNot() throws IOException {
        String jump = servers.user() + "@" + servers.host() + ":" + servers.portA();
        Files.writeString(home.resolve(".ssh/config"), "Host " + servers.host() + "\n  UserKnownHostsFile " + servers.get("SSH_IT_KNOWN_HOSTS") + "\n");
        ModuleException e = refused(vars("ansible_ssh_common_args", "-J " + jump), env(true));
        assertEquals("cannot connect to " + servers.user() + "@" + servers.host() + ":" + servers.portB() + " over SSH: through jump host "
                + jump + " over SSH: authentication refused (tried no key, no agent and no password: give the jump host an IdentityFile"
                + " in the ssh config (ssh passes no ansible_ssh_private_key_file to a ProxyJump host)); check ansible_user and that the"
                + " key is in " + servers.user() + "'s authorized_keys", e.getMessage());
    }

    @Test
    void aFailingJumpHostIsNamed() throws Exception {
        try (ClosedPort port = ClosedPort.tcp()) {
            int closed = port.port();
            String jump = servers.user() + "@" + servers.host() + ":" + servers.portA();
            jumpKeyInTheSshConfig();
            ModuleException beyond = refused(vars("ansible_port", closed, "ansible_ssh_common_args", "-J " + jump), env(true));
            assertEquals("cannot connect to " + servers.user() + "@" + servers.host() + ":" + closed + " over SSH: jump host " + jump
                    + " could not connect to " + servers.host() + ":" + closed + ": connection refused (or not reachable) from there",
                    beyond.getMessage());
            ModuleException down = refused(vars("ansible_ssh_common_args", "-o ProxyJump=" + servers.user() + "@" + servers.host() + ":" + closed),
                    env(true));
            assertTrue(down.getMessage().startsWith("cannot connect to " + servers.user() + "@" + servers.host() + ":" + servers.portB()
                    + " over SSH: through jump host " + servers.user() + "@" + servers.host() + ":" + closed + " over SSH: connection refused"),
                    down.getMessage());
        }
    }

    @Test
    void anInterruptedCommandIsStoppedOnTheHost() throws Exception {
        SshTarget target = SshSettings.target(vars(), "target", env(true));
        SshConnection connection = sessions.connection(target);
        // longer than the bounds below, so only TERM can end it before they run out
        String seconds = "661." + (System.nanoTime() % 100000);
        String marker = "sleep " + seconds;
        Thread runner = new Thread(() -> {
            try {
                connection.run(new CommandLine(List.of("sleep", seconds), null, null, Map.of()));
            } catch (Exception expected) {
                // interrupted
            }
        });
        runner.start();
        long deadline = System.currentTimeMillis() + 300_000;  // bounds a hang; a busy machine may connect slowly
        while (!running(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(running(marker), "the remote command started");
        runner.interrupt();
        runner.join(300_000);
        deadline = System.currentTimeMillis() + 300_000;
        while (running(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(running(marker), "TERM reached the remote command (a non-root login)");
    }

    private static boolean running(String marker) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-f", marker).start();
        return p.waitFor() == 0;
    }
}
