package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast checks of the SSH client against an in-JVM server (Apache MINA SSHD) that records the exact command
 * lines it receives: quoting, exit codes, stderr, strict host keys and refused keys. The behaviour of a real
 * OpenSSH server is covered by {@link OpenSshConnectionTest}.
 */
class MinaSshTest {
    @TempDir
    Path dir;
    private SshServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Path key;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        key = dir.resolve("id_ecdsa");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", key.toString()).redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(5, TimeUnit.MINUTES) && keygen.exitValue() == 0);
        PublicKey allowed = AuthorizedKeyEntry.parseAuthorizedKeyEntry(Files.readString(dir.resolve("id_ecdsa.pub")).trim())
                .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        hostKey.setAlgorithm("EC");
        server.setKeyPairProvider(hostKey);
        server.setPublickeyAuthenticator((user, offered, session) -> KeyUtils.compareKeys(allowed, offered));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
            @Override
            public void run() {
                received.add(command);
                try {
                    getOutputStream().write("out\n".getBytes(StandardCharsets.UTF_8));
                    getErrorStream().write("err\n".getBytes(StandardCharsets.UTF_8));
                    getOutputStream().flush();
                    getErrorStream().flush();
                } catch (IOException ignored) {
                    // the client went away
                }
                onExit(command.contains("fail") ? 3 : 0);
            }
        });
        server.start();
        String line = "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.loadKeys(null).iterator().next().getPublic());
        knownHosts = Files.writeString(dir.resolve("known_hosts"), line + "\n");
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(true);
    }

    private SshTarget target(Map<String, Object> extra) throws ModuleException {
        Map<String, Object> vars = new java.util.HashMap<>(Map.of("ansible_connection", "ssh", "ansible_host", "127.0.0.1",
                "ansible_port", server.getPort(), "ansible_user", "deploy", "ansible_ssh_private_key_file", key.toString(),
                "ansible_ssh_known_hosts_file", knownHosts.toString()));
        vars.putAll(extra);
        return SshSettings.target(vars, "web-1", new SshEnvironment(dir, "me", Map.of(), new HostKeyChecking.Setting(true, null)));
    }

    @Test
    void wordsArriveSingleQuotedWithTheFolderAndEnvironmentFirst() throws Exception {
        try (SshSessions sessions = new SshSessions()) {
            Execution r = sessions.connection(target(Map.of())).run(new CommandLine(List.of("printf", "%s", "it's $HOME"), null, null,
                    Map.of("B", "two words", "A", "1")));
            assertEquals(0, r.rc());
            assertEquals("out\n", r.stdout());
            assertEquals("err\n", r.stderr());
            Execution failed = sessions.connection(target(Map.of())).run(new CommandLine(List.of("fail"), null, null, Map.of()));
            assertEquals(3, failed.rc());
        }
        assertEquals("A='1' B='two words' 'printf' '%s' 'it'\\''s $HOME'", received.get(0));
    }

    @Test
    void anUnknownHostKeyIsRefusedBeforeAnythingRuns() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "");
        try (SshSessions sessions = new SshSessions()) {
            ModuleException e = assertThrows(ModuleException.class, () -> sessions.connection(target(Map.of("ansible_ssh_known_hosts_file", empty.toString()))));
            assertTrue(e.isUnreachable());
            assertTrue(e.getMessage().contains("(ssh-keyscan -p " + server.getPort() + " -t ecdsa 127.0.0.1 >> " + empty + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("the host key of [127.0.0.1]:" + server.getPort() + " is not known: it offers ecdsa-sha2-nistp"),
                    e.getMessage());
        }
        assertEquals(List.of(), received);
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefused() throws Exception {
        Path other = dir.resolve("other");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", other.toString()).redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(5, TimeUnit.MINUTES) && keygen.exitValue() == 0);
        try (SshSessions sessions = new SshSessions()) {
            ModuleException e = assertThrows(ModuleException.class, () -> sessions.connection(target(Map.of("ansible_ssh_private_key_file", other.toString()))));
            assertEquals("cannot connect to deploy@127.0.0.1:" + server.getPort() + " over SSH: authentication refused (tried key " + other
                    + "); check ansible_user and that the key is in deploy's authorized_keys", e.getMessage());
        }
    }
}
