package io.runbook.modules.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Properties;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One connection to the mail server, opened as community.general.mail opens it: unless {@code secure} is never, first
 * with TLS from the start (SMTPS); when that fails, a plain connection that upgrades with STARTTLS when the server offers
 * it ({@code try}) or must ({@code starttls}); then the login when a username and password are given. As Ansible's
 * module (Python's smtplib without a context) the server's certificate is not verified. Angus Mail speaks the protocol.
 */
final class SmtpSession implements AutoCloseable {
    /** Angus Mail's words when STARTTLS is required and the server does not offer it. */
    private static final String STARTTLS_REQUIRED = "STARTTLS is required";
    /** Angus Mail's words when the server offers no login method the client knows. */
    private static final String NO_MECHANISM = "No authentication mechanisms supported";

    private final SMTPTransport transport;
    private final boolean encrypted;
    private final Session session;

    private SmtpSession(SMTPTransport transport, boolean encrypted, Session session) {
        this.transport = transport;
        this.encrypted = encrypted;
        this.session = session;
    }

    /** Where and how to connect: the module's host, port, ehlohost, secure, timeout (seconds) and login. */
    record Server(String host, int port, String ehlohost, String secure, int timeout, String username, String password) {
        String where() {
            return host + ":" + port;
        }

        boolean login() {
            return username != null && password != null;
        }
    }

    /** Connects, upgrades and logs in as the module does; {@code warn} gets the module's warnings. */
    static SmtpSession open(Server server, Consumer<String> warn) throws MailFailure {
        Session session = Session.getInstance(properties(server));
        SmtpSession open = null;
        if (!"never".equals(server.secure())) {
            open = tryTls(server, session);
        }
        if (open == null) {
            open = plain(server, session);
        }
        if ("starttls".equals(server.secure()) && !open.encrypted) {
            open.close();
            throw new MailFailure("StartTLS is not offered on server " + server.where());
        }
        if (server.login() && !open.transport.supportsExtension("AUTH")) {
            open.close();
            throw new MailFailure("No Authentication on the server at " + server.where());
        }
        if (!open.encrypted && server.login()) {
            warn.accept("Username and Password was sent without encryption");
        }
        return open;
    }

    Session session() {
        return session;
    }

    SMTPTransport transport() {
        return transport;
    }

    /** SMTPS: a failure other than TLS's own (nothing listening, a timeout) falls back to a plain connection, as Ansible's. */
    private static SmtpSession tryTls(Server server, Session session) throws MailFailure {
        SMTPTransport tls = new SMTPSSLTransport(session, null);
        try {
            connect(tls, server);
            return new SmtpSession(tls, true, session);
        } catch (AuthenticationFailedException e) {
            throw refusedLogin(server, e);
        } catch (MessagingException e) {
            quietlyClose(tls);
            SSLException ssl = cause(e, SSLException.class);
            if (ssl != null && "always".equals(server.secure())) {
                throw new MailFailure("Unable to start an encrypted session to " + server.where() + ": " + ssl.getMessage());
            }
            return null;
        }
    }

    private static SmtpSession plain(Server server, Session session) throws MailFailure {
        SMTPTransport plain = new SMTPTransport(session, null);
        try {
            connect(plain, server);
            return new SmtpSession(plain, plain.isSSL(), session);
        } catch (AuthenticationFailedException e) {
            throw refusedLogin(server, e);
        } catch (MessagingException e) {
            quietlyClose(plain);
            String text = String.valueOf(e.getMessage());
            if ("starttls".equals(server.secure()) && text.startsWith(STARTTLS_REQUIRED)) {
                throw new MailFailure("StartTLS is not offered on server " + server.where());
            }
            SSLException ssl = cause(e, SSLException.class);
            if (ssl != null) {
                throw new MailFailure("Unable to start an encrypted session to " + server.where() + ": " + ssl.getMessage());
            }
            throw new MailFailure("Unable to Connect " + server.where() + ": " + reason(e));
        }
    }

    private static void connect(SMTPTransport transport, Server server) throws MessagingException {
        // Angus Mail logs in during connect, after STARTTLS, only when the server offers AUTH (checked after, as Ansible)
        transport.connect(server.host(), server.port(), server.login() ? server.username() : null,
                server.login() ? server.password() : null);
    }

    private static MailFailure refusedLogin(Server server, AuthenticationFailedException e) {
        if (String.valueOf(e.getMessage()).startsWith(NO_MECHANISM)) {
            return new MailFailure("No Suitable authentication method was found on " + server.where());
        }
        return new MailFailure("Authentication to " + server.where() + " failed, please check your username and/or password");
    }

    private static Properties properties(Server server) {
        Properties props = new Properties();
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String p = "mail." + protocol + ".";
            String millis = Integer.toString(Math.max(server.timeout(), 0) * 1000);
            props.setProperty(p + "connectiontimeout", millis);
            props.setProperty(p + "timeout", millis);
            // Python's smtplib without a context checks neither the certificate nor the name
            props.setProperty(p + "ssl.trust", "*");
            props.setProperty(p + "ssl.checkserveridentity", "false");
            props.setProperty(p + "sendpartial", "true");
            if (server.ehlohost() != null) {
                props.setProperty(p + "localhost", server.ehlohost());
            }
        }
        boolean upgrade = "try".equals(server.secure()) || "starttls".equals(server.secure());
        props.setProperty("mail.smtp.starttls.enable", Boolean.toString(upgrade));
        props.setProperty("mail.smtp.starttls.required", Boolean.toString("starttls".equals(server.secure())));
        return props;
    }

    /** The cause a person can act on: {@code Connection refused}, {@code unknown host mail.example.com}. */
    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof ConnectException && root.getMessage() != null) {
            return root.getMessage().replaceFirst(" \\(.*\\)$", "");
        }
        return String.valueOf(root.getMessage());
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static void quietlyClose(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // the connection failed: there is nothing to say goodbye to
        }
    }

    @Override
    public void close() {
        quietlyClose(transport);
    }
}
