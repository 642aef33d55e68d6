package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.runbook.engine.yaml.YamlLoader;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook that ends a recovery by telling the team with community.general.mail (mail/parity.yml: plain text with
 * phrases and extra headers, HTML with Cc and Bcc, attachments, a login, a wrong password, TLS from the start, STARTTLS
 * where there is none, check mode, nothing listening) run by the engine and by ansible-playbook (Debian's, with
 * community.general) against the same GreenMail SMTP and SMTPS servers in this JVM: the same exit code, recap, statuses
 * and registered values, and the same mails received (From, To, Cc, Subject, the other headers given, the parts' types,
 * charsets and text, the attachments' names and bytes, which mailbox got each copy). The password shows nowhere.
 */
class MailParityTest {
    private static final String USER = "runbook@example.com";
    private static final String PASSWORD = "Smtp-Pw-4417-qx";

    @TempDir
    Path work;
    private GreenMail mail;

    @BeforeEach
    void startServers() {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, PASSWORD));
        mail.start();
    }

    @AfterEach
    void stopServers() {
        mail.stop();
    }

    @Test
    void theEngineSendsWhatAnsibleSends() throws Exception {
        String playbook = Path.of(EngineRun.fixture("mail/parity.yml")).toAbsolutePath().toString();
        try (ClosedPort closed = new ClosedPort()) {
            sendsWhatAnsibleSends(playbook, vars(closed.port()));
        }
    }

    private void sendsWhatAnsibleSends(String playbook, List<String> vars) throws Exception {
        List<String> engineArgs = new ArrayList<>(List.of(playbook, "-i", "localhost,", "-c", "local"));
        engineArgs.addAll(vars);
        engineArgs.addAll(List.of("-e", "out=" + work.resolve("engine.json")));
        RunResult engine = EngineRun.cli(engineArgs.toArray(String[]::new));
        List<String> engineMails = received();
        mail.purgeEmailFromAllMailboxes();

        assertEquals(0, engine.exitCode(), engine.toString());
        assertTrue(engine.err().contains("[WARNING]: Username and Password was sent without encryption"), engine.toString());
        assertFalse((engine.out() + engine.err() + engine.events() + Files.readString(work.resolve("engine.json"))).contains(PASSWORD),
                "the SMTP password was shown");
        Map<?, ?> registered = registered(work.resolve("engine.json"));
        assertEquals("Authentication to 127.0.0.1:" + mail.getSmtp().getPort()
                + " failed, please check your username and/or password", ((Map<?, ?>) registered.get("wrong_password")).get("msg"));
        assertEquals("remote module (community.general.mail) does not support check mode",
                ((Map<?, ?>) registered.get("predicted")).get("msg"));
        // two To; one To, Cc and Bcc; one each for the attachments, the login and TLS; none for check mode or failures
        assertEquals(8, engineMails.size(), String.join("\n", engineMails));
        assertEquals(1, engineMails.stream().filter(m -> m.startsWith("mailbox=audit@bcc.example.net ")).count(),
                "the Bcc address got the mail");
        assertTrue(engineMails.stream().noneMatch(m -> m.replaceFirst("^mailbox=\\S+ ", "").contains("audit@")),
                "a Bcc address was in a header");

        assumeTrue(Files.isExecutable(NsupdateParityTest.ANSIBLE), "ansible-playbook is not installed (bin/test installs it)");
        NsupdateParityTest.Ansible ansible = NsupdateParityTest.Ansible.run(playbook, vars, work, work.resolve("ansible.json"), Map.of());
        List<String> ansibleMails = received();

        assertEquals(0, ansible.exit(), ansible.out());
        assertEquals(NsupdateParityTest.recap(ansible.out()), NsupdateParityTest.recap(engine.out()), engine.toString());
        assertEquals(statuses(ansible.out()), statuses(engine.out()),
                "ansible-playbook:\n" + ansible.out() + "\nengine:\n" + engine);
        Map<?, ?> expected = registered(work.resolve("ansible.json"));
        assertEquals(expected.keySet(), registered.keySet());
        expected.forEach((task, value) -> sameResult(String.valueOf(task), (Map<?, ?>) value, (Map<?, ?>) registered.get(task)));
        assertEquals(ansibleMails, engineMails);
    }

    /**
     * Each task's status words, without warnings (the registered {@code warnings} are compared; the engine prints them on
     * stderr, ansible-playbook's are merged here) and Ansible's "An exception occurred" line for its traceback.
     */
    static Map<String, List<String>> statuses(String out) {
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        NsupdateParityTest.statuses(out).forEach((task, words) ->
                statuses.put(task, words.stream().filter(w -> !w.equals("[WARNING]") && !w.equals("An")).toList()));
        return statuses;
    }

    private List<String> vars(int closed) {
        return List.of("-e", "smtp_port=" + mail.getSmtp().getPort(), "-e", "smtps_port=" + mail.getSmtps().getPort(),
                "-e", "closed_port=" + closed, "-e", "smtp_password=" + PASSWORD,
                "-e", "ansible_python_interpreter=/usr/bin/python3");
    }

    /**
     * The registered values key for key; where Ansible's module fails with a Python traceback (nothing listening) the
     * engine says what the module's own message for a failed connection says, and the traceback's last line names it.
     */
    private static void sameResult(String task, Map<?, ?> expected, Map<?, ?> actual) {
        if (task.equals("refused")) {
            assertTrue(String.valueOf(expected.get("module_stderr")).strip().endsWith("ConnectionRefusedError: [Errno 111] Connection refused"));
            assertTrue(String.valueOf(actual.get("msg")).matches("Unable to Connect 127\\.0\\.0\\.1:\\d+: Connection refused"), actual.toString());
            assertEquals(Set.of("changed", "failed", "msg", "rc"), actual.keySet());
            assertEquals(List.of(expected.get("failed"), expected.get("rc")), List.of(actual.get("failed"), actual.get("rc")));
            return;
        }
        assertEquals(expected.keySet(), actual.keySet(), task + ": the registered keys");
        expected.forEach((key, value) -> assertEquals(value, actual.get(key), task + "." + key));
    }

    /** Each copy GreenMail delivered, as the text of what matters, sorted: the same mails make the same list. */
    private List<String> received() throws Exception {
        List<String> all = new ArrayList<>();
        for (GreenMailUser user : mail.getUserManager().listUser()) {
            for (MimeMessage m : mail.findReceivedMessages(u -> u.equals(user), x -> true).toList()) {
                all.add("mailbox=" + user.getEmail() + " " + summary(m));
            }
        }
        all.sort(null);
        return all;
    }

    /** From, To, Cc, Bcc, Subject, Reply-To, X-Recovery, X-Mailer, the type and each part (type, charset, text or bytes). */
    static String summary(MimeMessage m) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("from", addresses(m.getHeader("From", ",")));
        s.put("to", addresses(m.getHeader("To", ",")));
        s.put("cc", addresses(m.getHeader("Cc", ",")));
        s.put("bcc", m.getHeader("Bcc"));
        s.put("subject", m.getSubject());
        for (String header : List.of("Reply-To", "X-Recovery", "X-Mailer")) {
            s.put(header, m.getHeader(header, ","));
        }
        s.put("type", new ContentType(m.getContentType()).getBaseType());
        List<String> parts = new ArrayList<>();
        Multipart multipart = (Multipart) m.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            parts.add(part(multipart.getBodyPart(i)));
        }
        s.put("parts", parts);
        return s.toString();
    }

    private static String part(BodyPart p) throws Exception {
        ContentType type = new ContentType(p.getContentType());
        if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.getDataHandler().writeTo(bytes);
            return "attachment " + type.getBaseType() + " " + p.getFileName() + " "
                    + Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
        return type.getBaseType() + " charset=" + String.valueOf(type.getParameter("charset")).toLowerCase() + " " + p.getContent();
    }

    /** A header's addresses as phrase and address each, decoded ({@code Zoë <z@x>} however it was encoded). */
    private static List<String> addresses(String header) throws Exception {
        List<String> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
            String personal = a.getPersonal() == null ? "" : MimeUtility.decodeText(a.getPersonal());
            out.add(personal + " <" + a.getAddress() + ">");
        }
        return out;
    }

    private static Map<?, ?> registered(Path file) {
        return (Map<?, ?>) YamlLoader.load(file).orElseThrow().toPlain();
    }
}
