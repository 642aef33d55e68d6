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
    private SimpleGeneratorHostKeyProvider hostKey;
    private PublicKey allowed;

    @BeforeEach
    void start() throws Exception {
        key = dir.resolve("id_ecdsa");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", key.toString()).redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(5, TimeUnit.MINUTES) && keygen.exitValue() == 0);
        PublicKey allowed = AuthorizedKeyEntry.parseAuthorizedKeyEntry(Files.readString(dir.resolve("id_ecdsa.pub")).trim())
                .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        hostKey = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        hostKey.setAlgorithm("EC");
        server = serve(0, allowed);
        this.allowed = allowed;
        String line = "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.loadKeys(null).iterator().next().getPublic());
        knownHosts = Files.writeString(dir.resolve("known_hosts"), line + "\n");
    }

    /** The in-JVM server on {@code port} (0: a free one), with the test's host key and the one key it lets in. */
    private SshServer serve(int port, PublicKey allowed) throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(hostKey);
        s.setPublickeyAuthenticator((user, offered, session) -> KeyUtils.compareKeys(allowed, offered));
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
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
        s.start();
        return s;
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

    /**
     * wait_for_connection against a host that is still booting: its port takes connections and drops them until the
     * SSH server is up, then the module logs in, runs {@code true} and is done.
     */
    @Test
    void waitForConnectionWaitsUntilTheHostLetsUsIn() throws Exception {
        int port = server.getPort();
        server.stop(true);
        java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        java.net.ServerSocket booting = new java.net.ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    booting.accept().close();
                    dropped.incrementAndGet();
                }
            } catch (IOException closed) {
                // the host has booted
            }
        });
        acceptor.start();
        Map<Object, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CompletableFuture<io.runbook.engine.module.Result> waited = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return io.runbook.engine.module.DirectRun.of(new io.runbook.modules.core.WaitForConnectionModule()).host("web-1")
                        .vars(vars()).sharing(shared).run(Map.of("sleep", 1, "timeout", 600));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (dropped.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(dropped.get() >= 2, "two attempts while the host boots");
        booting.close();
        acceptor.join();
        server = serve(port, allowed);
        io.runbook.engine.module.Result r = waited.get(5, TimeUnit.MINUTES);
        closeShared(shared);
        assertTrue(!r.isFailed(), r.toString());
        assertTrue(r.data().get("elapsed") instanceof Integer, r.toString());
        assertEquals(List.of("'true'"), received);
    }

    @Test
    void waitForConnectionGivesUpAtItsTimeoutWithTheLastReason() throws Exception {
        server.stop(true);
        Map<Object, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();
        io.runbook.engine.module.Result r = io.runbook.engine.module.DirectRun.of(new io.runbook.modules.core.WaitForConnectionModule())
                .host("web-1").vars(vars()).sharing(shared).run(Map.of("sleep", 1, "timeout", 1));
        closeShared(shared);
        assertTrue(r.isFailed(), r.toString());
        assertTrue(r.msg().startsWith("timed out waiting for ping module test: cannot connect to deploy@127.0.0.1:" + server.getPort()),
                r.msg());
        io.runbook.engine.module.Result check = io.runbook.engine.module.DirectRun.of(new io.runbook.modules.core.WaitForConnectionModule())
                .host("web-1").vars(vars()).check(true).run(Map.of());
        assertTrue(check.isSkipped(), "skipped in check mode, as Ansible's: " + check);
    }

    private Map<String, Object> vars() {
        return Map.of("ansible_connection", "ssh", "ansible_host", "127.0.0.1", "ansible_port", server.getPort(),
                "ansible_user", "deploy", "ansible_ssh_private_key_file", key.toString(), "ansible_ssh_known_hosts_file", knownHosts.toString());
    }

    private static void closeShared(Map<Object, Object> shared) throws Exception {
        for (Object o : shared.values()) {
            if (o instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
