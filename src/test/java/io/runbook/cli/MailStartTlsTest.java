package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runbook.engine.yaml.YamlLoader;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * community.general.mail against a server that takes mail only after STARTTLS (Debian's aiosmtpd with a certificate
 * made here; GreenMail has no STARTTLS): mail/starttls.yml sends with {@code secure: starttls}, with the default
 * {@code try} (which upgrades because the server offers it) and with {@code never} (refused by the server), run by the
 * engine and by ansible-playbook: the same statuses, recap and registered values, and the same mails in the server's
 * Maildir, with the same envelope recipients.
 */
class MailStartTlsTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path work;
    private Process server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/aiosmtpd")),
                "Debian's python3-aiosmtpd is not installed (bin/test installs it)");
        Path cert = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                "-keyout", key.toString(), "-out", cert.toString()));
        // aiosmtpd cannot pick a port itself and say which: each attempt offers it one that was free a moment ago, and
        // the next attempt another one when aiosmtpd says that one was taken meanwhile
        for (int attempt = 1; !started(cert, key); attempt++) {
            assertTrue(attempt < 10 && log().contains("address already in use"), () -> "aiosmtpd ended: " + log());
        }
    }

    /** Starts aiosmtpd on a port free a moment ago; false when it ended (its port was taken meanwhile, says its log). */
    private boolean started(Path cert, Path key) throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // -d: it says when it listens (it ends, saying why, when it cannot)
        server = new ProcessBuilder(PYTHON.toString(), "-m", "aiosmtpd", "-n", "-d", "-l", "127.0.0.1:" + port, "--tlscert",
                cert.toString(), "--tlskey", key.toString(), "-c", "aiosmtpd.handlers.Mailbox", work.resolve("maildir").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("aiosmtpd.log").toFile()).start();
        String listening = "Server is listening on 127.0.0.1:" + port;
        for (int i = 0; i < 600 && !log().contains(listening); i++) {  // bounds a server that never starts: 60 s
            if (server.waitFor(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        assertTrue(log().contains(listening), () -> "aiosmtpd does not listen: " + log());
        return true;
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void startTlsMailsAreTheSameAsAnsibles() throws Exception {
        String playbook = Path.of(EngineRun.fixture("mail/starttls.yml")).toAbsolutePath().toString();
        List<String> vars = List.of("-e", "smtp_port=" + port, "-e", "ansible_python_interpreter=" + PYTHON);
        List<String> engineArgs = new ArrayList<>(List.of(playbook, "-i", "localhost,", "-c", "local"));
        engineArgs.addAll(vars);
        engineArgs.addAll(List.of("-e", "out=" + work.resolve("engine.json")));
        RunResult engine = EngineRun.cli(engineArgs.toArray(String[]::new));
        List<String> engineMails = received(new HashSet<>());
        assertEquals(0, engine.exitCode(), engine.toString());
        assertEquals(2, engineMails.size(), String.join("\n", engineMails));
        Map<?, ?> registered = registered(work.resolve("engine.json"));
        assertTrue(String.valueOf(((Map<?, ?>) registered.get("refused")).get("msg"))
                .matches("Failed to send mail to 'platform@example.com': 530 .*STARTTLS.*"), registered.toString());

        assumeTrue(Files.isExecutable(NsupdateParityTest.ANSIBLE), "ansible-playbook is not installed (bin/test installs it)");
        Set<String> seen = new HashSet<>(names());
        NsupdateParityTest.Ansible ansible = NsupdateParityTest.Ansible.run(playbook, vars, work, work.resolve("ansible.json"), Map.of());
        List<String> ansibleMails = received(seen);

        assertEquals(0, ansible.exit(), ansible.out());
        assertEquals(NsupdateParityTest.recap(ansible.out()), NsupdateParityTest.recap(engine.out()), engine.toString());
        assertEquals(MailParityTest.statuses(ansible.out()), MailParityTest.statuses(engine.out()), ansible.out() + "\n" + engine);
        Map<?, ?> expected = registered(work.resolve("ansible.json"));
        assertEquals(expected.get("starttls"), registered.get("starttls"));
        assertEquals(expected.get("upgraded"), registered.get("upgraded"));
        // Python's words for the refusal are its exception's tuple, (530, b'…', 'runbook@example.com'): the same code and text
        Map<?, ?> refusedByAnsible = (Map<?, ?>) expected.get("refused");
        Map<?, ?> refused = (Map<?, ?>) registered.get("refused");
        String why = String.valueOf(refused.get("msg")).replaceFirst("^.*': 530 ", "");
        assertTrue(String.valueOf(refusedByAnsible.get("msg")).startsWith("Failed to send mail to 'platform@example.com': (530, b'" + why + "'"),
                refusedByAnsible + " / " + refused);
        assertEquals(List.of(refusedByAnsible.get("failed"), refusedByAnsible.get("rc"), refusedByAnsible.get("changed")),
                List.of(refused.get("failed"), refused.get("rc"), refused.get("changed")));
        assertEquals(ansibleMails, engineMails);
    }

    private List<String> names() throws IOException {
        Path box = work.resolve("maildir/new");
        if (!Files.isDirectory(box)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(box)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** The mails in the Maildir not in {@code seen} (then added to it): envelope recipients and what matters, sorted. */
    private List<String> received(Set<String> seen) throws Exception {
        List<String> out = new ArrayList<>();
        for (String name : names()) {
            if (seen.add(name)) {
                try (InputStream in = Files.newInputStream(work.resolve("maildir/new").resolve(name))) {
                    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                    // the envelope's order is no mail's business (Ansible's module sends a Python set, in hash order)
                    List<String> rcpt = Stream.of(m.getHeader("X-RcptTo", ",").split(",")).map(String::strip).sorted().toList();
                    out.add("rcpt=" + rcpt + " " + MailParityTest.summary(m));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private String log() {
        try {
            return Files.readString(work.resolve("aiosmtpd.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
    }

    private static Map<?, ?> registered(Path file) {
        return (Map<?, ?>) YamlLoader.load(file).orElseThrow().toPlain();
    }
}
