package io.runbook.modules.accounts;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * The two states of the {@code user} module, in the steps and with the results of Ansible's {@code main()}: an
 * account removed (userdel), or made (useradd) or changed (usermod), then its missing home made and its password
 * ages set (chage). In check mode nothing runs: a new or removed account gives only {@code changed}, as Ansible's.
 */
final class UserChanges {
    private UserChanges() {
    }

    static Result absent(ModuleContext ctx, HostConnection host, UserSpec spec, Args args, AccountSnapshot before)
            throws ModuleException, InterruptedException {
        Result result = Result.ok().with("name", spec.name()).with("state", "absent");
        if (before.user().isEmpty()) {
            return result;
        }
        if (ctx.checkMode()) {
            return Result.changed();
        }
        List<String> cmd = new ArrayList<>(List.of(spec.local() ? "luserdel" : "userdel"));
        if (args.bool("force") && !spec.local()) {
            cmd.add("-f");
        }
        if (args.bool("remove")) {
            cmd.add("-r");
        }
        cmd.add(spec.name());
        Execution done = AdminTools.run(host, cmd);
        if (done.rc() != 0) {
            return failure(spec, done);
        }
        return AdminTools.withOutput(result.withChanged(true).with("force", args.bool("force")).with("remove", args.bool("remove")), done);
    }

    static Result present(ModuleContext ctx, HostConnection host, UserSpec spec, AccountSnapshot before)
            throws ModuleException, InterruptedException {
        Result result = Result.ok().with("name", spec.name()).with("state", "present");
        Execution done = null;
        boolean ran;
        boolean madeParents = false;
        if (before.user().isEmpty()) {
            if (ctx.checkMode()) {
                return Result.changed();
            }
            List<List<String>> after = new ArrayList<>();
            List<String> cmd = UserCommands.add(spec, before, after);
            madeParents = spec.home() != null && spec.createHome() && !host.stat(parent(spec.home()), true).isDirectory();
            if (madeParents) {
                HomeFolder.make(host, spec.home(), spec.skeleton());  // useradd makes only the last folder
            }
            done = runAll(host, cmd, after);
            ran = true;
            result = result.with("system", spec.system()).with("create_home", spec.createHome());
        } else {
            List<List<String>> after = new ArrayList<>();
            List<String> cmd = UserCommands.modify(spec, before.user().get(), before, after);
            ran = !cmd.isEmpty() || !after.isEmpty();
            if (ran && !ctx.checkMode()) {
                done = runAll(host, cmd, after);
            }
            result = result.with("append", spec.append()).with("move_home", spec.moveHome());
        }
        if (done != null && done.rc() != 0) {
            return failure(spec, done);
        }
        if (spec.password() != null) {
            result = result.with("password", UserModule.HIDDEN_PASSWORD);
        }
        result = AdminTools.withOutput(result.withChanged(ran), done);
        AccountSnapshot now = ran && !ctx.checkMode() ? AccountSnapshot.read(host, spec.name(), List.of(), false) : before;
        if (madeParents && now.user().isPresent()) {
            // useradd leaves a home it did not make to its maker: the user gets it, as Ansible's chown_homedir does
            HomeFolder.makeOwned(host, spec.home(), spec.skeleton(), now.user().get().uid(), now.user().get().gid());
        }
        return now.user().isEmpty() ? result : account(ctx, host, spec, now, result);
    }

    /** The account's fields in the result, then a missing home made and the password ages set, as Ansible's last steps. */
    private static Result account(ModuleContext ctx, HostConnection host, UserSpec spec, AccountSnapshot now, Result result)
            throws ModuleException, InterruptedException {
        PasswdEntry user = now.user().get();
        Result r = result.with("uid", user.uid()).with("group", user.gid()).with("comment", user.comment())
                .with("home", user.home()).with("shell", user.shell());
        if (spec.groups() != null) {
            r = r.with("groups", spec.groupsJoined());
        }
        String home = spec.home() != null ? spec.home() : user.home();
        if (spec.createHome() && !host.stat(home, true).exists()) {
            if (!ctx.checkMode()) {
                HomeFolder.makeOwned(host, home, spec.skeleton(), user.uid(), user.gid());
            }
            r = r.withChanged(true);
        }
        if (ctx.args().bool("generate_ssh_key")) {
            SshKeyPair keys = new SshKeyPair(ctx, host, user);
            Execution made = keys.make();
            if (made != null && made.rc() != 0) {
                return failure(spec, made);
            }
            r = keys.describe(r.withChanged(r.isChanged() || made != null && made.rc() == 0));
        }
        List<String> age = UserCommands.passwordAge(spec, now.shadow());
        if (!age.isEmpty()) {
            if (!ctx.checkMode()) {
                Execution done = AdminTools.run(host, age);
                if (done.rc() != 0) {
                    return failure(spec, done);
                }
            }
            r = r.withChanged(true);
        }
        return r;
    }

    /**
     * {@code cmd} (none when empty), then each of {@code after} (libuser's lchage and lgroupmod) while all succeed; how
     * the last one ended, with the output of them all.
     */
    private static Execution runAll(HostConnection host, List<String> cmd, List<List<String>> after)
            throws ModuleException, InterruptedException {
        Execution done = cmd.isEmpty() ? null : AdminTools.run(host, cmd);
        StringBuilder out = new StringBuilder(done == null ? "" : done.stdout());
        StringBuilder err = new StringBuilder(done == null ? "" : done.stderr());
        for (List<String> next : after) {
            if (done != null && done.rc() != 0) {
                break;
            }
            done = AdminTools.run(host, next);
            out.append(done.stdout());
            err.append(done.stderr());
        }
        return done == null ? null : new Execution(done.rc(), out.toString(), err.toString(), done.signal());
    }

    /** Ansible's {@code fail_json(name=..., msg=err, rc=rc)}: the tool's own words. */
    private static Result failure(UserSpec spec, Execution done) {
        return Result.failed(done.stderr()).with("name", spec.name()).with("rc", done.rc());
    }

    private static String parent(String path) {
        int slash = path.replaceAll("/+$", "").lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
