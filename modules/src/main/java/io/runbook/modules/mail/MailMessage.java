package io.runbook.modules.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * The message community.general.mail composes: multipart/mixed with From, Date, Subject, the extra headers, X-Mailer,
 * To and Cc (Bcc only in the envelope), the body as a text part ending in two newlines, then each file as an
 * application/octet-stream attachment named by its file name. The body's transfer encoding follows Python's table
 * for the charset (base64 for utf-8, quoted-printable for the ISO-8859 family, 7bit for us-ascii).
 */
final class MailMessage {
    private MailMessage() {
    }

    /** What the task gives, after defaults: the recipients' lists as written (address and phrase). */
    record Content(String sender, List<String> to, List<String> cc, List<String> bcc, String subject, String body,
                   List<Path> attach, List<String> headers, String charset, String subtype) {
    }

    /** The composed message, its envelope sender and recipients (addresses only, each once). */
    record Composed(SMTPMessage message, List<InternetAddress> recipients) {
        String recipientsText() {
            return String.join(", ", recipients.stream().map(InternetAddress::getAddress).toList());
        }
    }

    static Composed compose(Session session, Content c, Consumer<String> warn) throws MailFailure {
        try {
            SMTPMessage msg = new SMTPMessage(session);
            InternetAddress from = address(c.sender());
            msg.setEnvelopeFrom(from.getAddress());
            msg.setHeader("From", from.toString());
            msg.setSentDate(new Date());
            msg.setSubject(c.subject(), c.charset());
            for (String header : c.headers()) {
                addHeaders(msg, header, c.charset(), warn);
            }
            if (msg.getHeader("X-Mailer") == null) {
                msg.setHeader("X-Mailer", "Ansible mail module");
            }
            Set<String> envelope = new LinkedHashSet<>();
            c.bcc().forEach(a -> envelope.add(address(a.strip()).getAddress()));
            msg.setHeader("To", listed(c.to(), envelope));
            msg.setHeader("Cc", listed(c.cc(), envelope));
            MimeMultipart parts = new MimeMultipart("mixed");
            parts.setPreamble("Multipart message");
            parts.addBodyPart(text(c));
            for (Path file : c.attach()) {
                parts.addBodyPart(attachment(file));
            }
            msg.setContent(parts);
            msg.saveChanges();
            List<InternetAddress> recipients = new ArrayList<>();
            for (String a : envelope) {
                recipients.add(new InternetAddress(a, false));
            }
            return new Composed(msg, recipients);
        } catch (MessagingException e) {
            throw new MailFailure("Failed to send community.general.mail: " + e.getMessage());
        }
    }

    /** An address with its phrase, read leniently as Python's parseaddr reads it; what cannot be read stays as written. */
    static InternetAddress address(String text) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(text, false);
            if (parsed.length > 0 && parsed[0].getPersonal() != null) {
                // the phrase encoded anew (as Python's formataddr does, in utf-8), not kept as written
                return new InternetAddress(parsed[0].getAddress(), parsed[0].getPersonal(), "utf-8");
            }
            if (parsed.length > 0) {
                return parsed[0];
            }
        } catch (AddressException | UnsupportedEncodingException e) {
            // taken as the bare address below
        }
        InternetAddress raw = new InternetAddress();
        raw.setAddress(text.strip());
        return raw;
    }

    /** The header value of a list ({@code Name <a@b>, c@d}), adding each address to the envelope. */
    private static String listed(List<String> written, Set<String> envelope) {
        List<String> shown = new ArrayList<>();
        for (String a : written) {
            InternetAddress address = address(a.strip());
            shown.add(address.toString());
            envelope.add(address.getAddress());
        }
        return String.join(", ", shown);
    }

    /** {@code Name=value}, several joined by {@code |}; anything else is skipped with the module's warning. */
    private static void addHeaders(SMTPMessage msg, String header, String charset, Consumer<String> warn)
            throws MessagingException {
        for (String one : header.split("\\|", -1)) {
            String hdr = one.strip();
            String[] kv = hdr.split("=", -1);
            if (kv.length != 2 || kv[0].isEmpty()) {
                warn.accept("Skipping header '" + hdr + "', unable to parse");
                continue;
            }
            msg.addHeader(kv[0], encoded(kv[1], charset));
        }
    }

    private static String encoded(String value, String charset) {
        try {
            return MimeUtility.encodeText(value, charset, null);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    private static MimeBodyPart text(Content c) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(c.body() + "\n\n", c.charset(), c.subtype());
        part.setHeader("Content-Transfer-Encoding", transferEncoding(c.charset()));
        return part;
    }

    /** Python's email.charset table: the body encoding of a charset (base64 for any it does not list). */
    static String transferEncoding(String charset) {
        String name = charset.toLowerCase(Locale.ROOT).replace('_', '-');
        if (name.equals("us-ascii") || name.equals("ascii") || name.equals("iso-2022-jp")) {
            return "7bit";
        }
        if (name.startsWith("iso-8859-") || name.startsWith("latin") || name.equals("windows-1252") || name.equals("viscii")) {
            return "quoted-printable";
        }
        return "base64";
    }

    private static MimeBodyPart attachment(Path file) throws MailFailure, MessagingException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MailFailure("Failed to send community.general.mail: can't attach file " + file
                    + ": [Errno 2] No such file or directory: '" + file + "'");
        } catch (IOException e) {
            throw new MailFailure("Failed to send community.general.mail: can't attach file " + file + ": " + e.getMessage());
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, "application/octet-stream")));
        part.setDisposition(Part.ATTACHMENT);
        part.setFileName(file.getFileName().toString());
        part.setHeader("Content-Type", "application/octet-stream");
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }
}
