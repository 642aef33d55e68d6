package io.runbook.modules.mail;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * {@code mail} (community.general.mail): sends one e-mail through an SMTP server, with the collection's arguments,
 * defaults, results and messages. It runs on the controller (as the module does with {@code delegate_to: localhost}).
 * Like Ansible's it reports {@code ok}, not changed, when the mail was sent, and does not run in check mode.
 */
public final class MailModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("host").defaultValue("localhost").description("the mail server"))
            .arg(Arg.integer("port").defaultValue(25).description("the mail server's port"))
            .arg(Arg.str("sender").defaultValue("root").aliases("from")
                    .description("the address the mail is sent from, may have a phrase (`Ops <ops@example.com>`)"))
            .arg(Arg.list("to").elements(ArgType.STR).defaultValue(List.of("root")).aliases("recipients")
                    .description("the addresses the mail is sent to, each may have a phrase"))
            .arg(Arg.list("cc").elements(ArgType.STR).defaultValue(List.of()).description("addresses copied (in the Cc header)"))
            .arg(Arg.list("bcc").elements(ArgType.STR).defaultValue(List.of()).description("addresses blind copied (in no header)"))
            .arg(Arg.str("subject").required().aliases("msg").description("the subject"))
            .arg(Arg.str("body").description("the text; default: the subject"))
            .arg(Arg.str("username").description("login on the server, with password"))
            .arg(Arg.str("password").secret().description("login on the server, with username; never shown"))
            .arg(Arg.list("attach").elements(ArgType.PATH).defaultValue(List.of())
                    .description("files on the controller attached as application/octet-stream"))
            .arg(Arg.list("headers").elements(ArgType.STR).defaultValue(List.of())
                    .description("extra headers, each `Name=value` (several may be joined with `|`)"))
            .arg(Arg.str("charset").defaultValue("utf-8").description("the character set of the subject and body"))
            .arg(Arg.str("subtype").defaultValue("plain").choices("html", "plain").description("the body's type: text/plain or text/html"))
            .arg(Arg.str("secure").defaultValue("try").choices("always", "never", "starttls", "try")
                    .description("always: only over TLS from the start (SMTPS); try: TLS, else STARTTLS when offered, else plain;"
                            + " starttls: TLS, else STARTTLS or fail; never: plain"))
            .arg(Arg.integer("timeout").defaultValue(20).description("seconds for connecting and for each answer"))
            .arg(Arg.str("ehlohost").description("the name given in EHLO; default: this machine's"))
            .build();

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public String description() {
        return "community.general.mail: send an e-mail through an SMTP server, as Ansible does";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** As Ansible's: the module does not run in check mode (it is skipped there). */
    @Override
    public boolean supportsCheckMode() {
        return false;
    }

    @Override
    public Result run(ModuleContext ctx) {
        Args args = ctx.args();
        if ((args.string("username") == null) != (args.string("password") == null)) {
            return Result.failed("parameters are required together: password, username");
        }
        String subject = args.string("subject");
        String body = args.string("body");
        MailMessage.Content content = new MailMessage.Content(args.string("sender"), args.strings("to"), args.strings("cc"),
                args.strings("bcc"), subject, body == null || body.isEmpty() ? subject : body, paths(args),
                args.strings("headers"), args.string("charset"), args.string("subtype"));
        SmtpSession.Server server = new SmtpSession.Server(args.string("host"), args.integer("port"), args.string("ehlohost"),
                args.string("secure"), args.integer("timeout"), args.string("username"), args.string("password"));
        try (SmtpSession session = SmtpSession.open(server, ctx::warn)) {
            MailMessage.Composed mail = MailMessage.compose(session.session(), content, ctx::warn);
            return send(session, mail, ctx);
        } catch (MailFailure f) {
            return f.result();
        }
    }

    private static List<Path> paths(Args args) {
        List<Path> paths = new ArrayList<>();
        args.list("attach").forEach(p -> paths.add((Path) p));
        return paths;
    }

    /** Sends; some recipients refused is a warning each and still ok, all refused a failure (as smtplib's sendmail). */
    private static Result send(SmtpSession session, MailMessage.Composed mail, ModuleContext ctx) throws MailFailure {
        try {
            session.transport().sendMessage(mail.message(), mail.recipients().toArray(Address[]::new));
            return Result.ok().withMsg("Mail sent successfully").with("result", Map.of());
        } catch (SendFailedException e) {
            Address[] sent = e.getValidSentAddresses();
            if (sent == null || sent.length == 0) {
                throw new MailFailure("Failed to send mail to '" + mail.recipientsText() + "': " + String.valueOf(e.getMessage()).strip());
            }
            Map<String, Object> refused = new LinkedHashMap<>();
            for (Exception next = e.getNextException(); next != null; ) {
                if (next instanceof SMTPAddressFailedException f) {
                    String why = String.valueOf(f.getMessage()).strip();
                    ctx.warn("Failed to send mail to '" + f.getAddress().getAddress() + "': " + f.getReturnCode() + " " + why);
                    refused.put(f.getAddress().getAddress(), List.of(f.getReturnCode(), why));
                }
                next = next instanceof MessagingException m ? m.getNextException() : null;
            }
            return Result.ok().withMsg("Failed to send mail to at least one recipient").with("result", refused);
        } catch (MessagingException e) {
            throw new MailFailure("Failed to send mail to '" + mail.recipientsText() + "': " + String.valueOf(e.getMessage()).strip());
        }
    }
}
