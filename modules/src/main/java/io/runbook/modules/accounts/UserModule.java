package io.runbook.modules.accounts;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code user}: a Linux account that exists with the given properties, or is gone, made with the host's
 * {@code useradd}/{@code usermod}/{@code userdel} as Ansible's {@code user} module does on Linux, with its results
 * and messages. Check mode predicts from what the host has; the password hash is a secret and the result says only
 * {@code NOT_LOGGING_PASSWORD}.
 */
public final class UserModule implements Module {
    static final String HIDDEN_PASSWORD = "NOT_LOGGING_PASSWORD";
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("name").required().aliases("user").description("the account's name"))
            .arg(Arg.str("state").choices("present", "absent").defaultValue("present").description("present (made or changed) or absent (removed)"))
            .arg(Arg.integer("uid").description("the user id"))
            .arg(Arg.bool("non_unique").defaultValue(false).description("with uid: allow an id another account has (-o)"))
            .arg(Arg.str("group").description("the primary group (a name or gid; it must exist)"))
            .arg(Arg.list("groups").elements(ArgType.STR).description("supplementary groups (a list, or names joined with commas); "
                    + "[] removes them all; they must exist"))
            .arg(Arg.bool("append").defaultValue(false).description("with groups: add these groups and keep the others"))
            .arg(Arg.str("comment").description("the GECOS field (the full name)"))
            .arg(Arg.str("home").description("the home folder"))
            .arg(Arg.str("shell").description("the login shell"))
            .arg(Arg.str("password").secret().description("the password hash as crypt(3) makes it (password_hash filter); masked everywhere"))
            .arg(Arg.bool("password_lock").description("true: lock the password (usermod -L), false: unlock it (-U)"))
            .arg(Arg.str("update_password").choices("always", "on_create").defaultValue("always")
                    .description("always: set password when it differs; on_create: only for a new account"))
            .arg(Arg.bool("create_home").defaultValue(true).aliases("createhome").description("make the home folder (for a new account, "
                    + "or when an existing account's is missing)"))
            .arg(Arg.str("skeleton").description("the folder copied into a new home (default /etc/skel)"))
            .arg(Arg.str("umask").description("the umask the new home folder is made with (useradd -K UMASK=)"))
            .arg(Arg.bool("system").defaultValue(false).description("a new account is a system account (useradd -r)"))
            .arg(Arg.bool("move_home").defaultValue(false).description("with a new home: move the contents there (usermod -m)"))
            .arg(Arg.raw("expires").description("the account expires at this time, in seconds since 1970 (a number; negative: never)"))
            .arg(Arg.integer("password_expire_min").description("minimum days between password changes (chage -m)"))
            .arg(Arg.integer("password_expire_max").description("maximum days a password stays valid (chage -M)"))
            .arg(Arg.bool("force").defaultValue(false).description("with absent: remove the account even while it is logged in (userdel -f)"))
            .arg(Arg.bool("remove").defaultValue(false).description("with absent: also remove the home folder and mail spool (userdel -r)"))
            .arg(Arg.bool("local").defaultValue(false).description("use libuser's luseradd/lusermod/luserdel (with lgroupmod and lchage), "
                    + "which change only the local /etc/passwd (beside a directory service)"))
            .arg(Arg.bool("generate_ssh_key").defaultValue(false).description("make an SSH key pair for the account (ssh-keygen) "
                    + "unless ssh_key_file exists (with force: made again)"))
            .arg(Arg.integer("ssh_key_bits").defaultValue(0).description("the key's size (0: ssh-keygen's default for the type)"))
            .arg(Arg.str("ssh_key_type").defaultValue("rsa").description("the key's type (ssh-keygen -t)"))
            .arg(Arg.str("ssh_key_file").description("the private key's path, relative to the home folder (default .ssh/id_rsa)"))
            .arg(Arg.str("ssh_key_comment").description("the key's comment (default 'ansible-generated on HOSTNAME')"))
            .arg(Arg.str("ssh_key_passphrase").secret().description("the passphrase the private key is encrypted with; masked everywhere"))
            .build();

    @Override
    public String name() {
        return "user";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Make a Linux user account exist with given properties, or remove it (useradd, usermod, userdel)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        UserSpec spec = UserSpec.of(args);
        if (spec.local() && spec.umask() != null) {
            throw new ModuleException("'umask' can not be used with 'local'");
        }
        if (args.has("ssh_key_passphrase")) {
            ctx.secret(args.string("ssh_key_passphrase"));
        }
        if (spec.password() != null) {
            ctx.secret(spec.password());
            PasswordHashCheck.warnUnlessHashed(spec.password(), ctx);
        }
        if (spec.groups() == null && spec.append()) {
            ctx.warn("'append' is set, but no 'groups' are specified. Use 'groups' for appending new groups."
                    + "This will change to an error in Ansible 2.14.");
        }
        HostConnection host = HostConnections.of(ctx);
        List<String> asked = new ArrayList<>();
        asked.add(spec.name());
        if (spec.group() != null) {
            asked.add(spec.group());
        }
        if (spec.groups() != null) {
            asked.addAll(spec.groups());
        }
        AccountSnapshot before = AccountSnapshot.read(host, spec.name(), asked, spec.groups() != null);
        if (spec.local() && before.user().isEmpty()) {
            ctx.warn("'local: true' specified and user '" + spec.name() + "' was not found in /etc/passwd. The local user account "
                    + "may already exist if the local account database exists somewhere other than /etc/passwd.");
        }
        Result result = "absent".equals(args.string("state")) ? UserChanges.absent(ctx, host, spec, args, before)
                : UserChanges.present(ctx, host, spec, before);
        if (result.isChanged() && !ctx.checkMode()) {
            host.accounts().forget();
        }
        return result;
    }
}
