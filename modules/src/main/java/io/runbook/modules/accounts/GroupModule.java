package io.runbook.modules.accounts;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code group}: a Linux group that exists (with a gid) or is gone, made with the host's {@code groupadd}/
 * {@code groupmod}/{@code groupdel} as Ansible's {@code group} module does on Linux, with its results and messages.
 * Check mode predicts from what the host has; a new or removed group then gives only {@code changed}, as Ansible's.
 */
public final class GroupModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("name").required().description("the group's name"))
            .arg(Arg.str("state").choices("present", "absent").defaultValue("present").description("present (made, its gid set) or absent (removed)"))
            .arg(Arg.integer("gid").description("the group id"))
            .arg(Arg.bool("system").defaultValue(false).description("a new group is a system group (groupadd -r)"))
            .arg(Arg.bool("non_unique").defaultValue(false).description("with gid: allow an id another group has (-o)"))
            .arg(Arg.bool("local").defaultValue(false).description("use libuser's lgroupadd/lgroupmod/lgroupdel, which change only "
                    + "the local /etc/group (beside a directory service)"))
            .build();

    @Override
    public String name() {
        return "group";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Make a Linux group exist with a given gid, or remove it (groupadd, groupmod, groupdel)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String name = args.string("name");
        Integer gid = args.has("gid") ? args.integer("gid") : null;
        if (args.bool("non_unique") && gid == null) {
            throw new ModuleException("non_unique is True but all of the following are missing: gid");
        }
        HostConnection host = HostConnections.of(ctx);
        Optional<GroupEntry> before = AccountSnapshot.read(host, null, List.of(name), false).groupNamed(name);
        boolean absent = "absent".equals(args.string("state"));
        boolean local = args.bool("local");
        if (local && before.isEmpty()) {
            ctx.warn("'local: true' specified and group was not found in /etc/group. The local group may already exist if "
                    + "the local group database exists somewhere other than /etc/group.");
        }
        List<String> cmd = absent ? remove(name, before) : before.isEmpty() ? add(name, gid, args) : modify(name, gid, args, before.get());
        if (local && !cmd.isEmpty()) {
            if (!absent) {
                checkGidFree(host, name, gid);
            }
            cmd = new ArrayList<>(cmd);
            cmd.set(0, "l" + cmd.get(0));  // lgroupadd, lgroupmod, lgroupdel take these options
        }
        if (!cmd.isEmpty() && ctx.checkMode()) {
            // as Ansible: a group that comes or goes is only changed; a new gid still reports the group as it is
            return before.isEmpty() || absent ? Result.changed() : result(args, name, before).withChanged(true);
        }
        Execution done = cmd.isEmpty() ? null : AdminTools.run(host, cmd);
        if (done != null && done.rc() != 0) {
            return Result.failed(done.stderr()).with("name", name);
        }
        if (done != null) {
            host.accounts().forget();
        }
        Optional<GroupEntry> now = done == null ? before : AccountSnapshot.read(host, null, List.of(name), false).groupNamed(name);
        return AdminTools.withOutput(result(args, name, now).withChanged(done != null), done);
    }

    /** As Ansible's {@code _local_check_gid_exists}: with local, a gid another group has fails before lgroupadd/lgroupmod. */
    private static void checkGidFree(HostConnection host, String name, Integer gid) throws ModuleException, InterruptedException {
        if (gid == null || gid == 0) {
            return;
        }
        Execution found = AdminTools.run(host, List.of("getent", "group", String.valueOf(gid)));
        String other = found.rc() == 0 ? found.stdout().split(":", 2)[0] : null;
        if (other != null && !other.isEmpty() && !other.equals(name)) {
            throw new ModuleException("GID '" + gid + "' already exists with group '" + other + "'");
        }
    }

    private static Result result(Args args, String name, Optional<GroupEntry> group) {
        Result r = Result.ok().with("name", name).with("state", args.string("state"));
        return group.isEmpty() ? r : r.with("system", args.bool("system")).with("gid", group.get().gid());
    }

    private static List<String> remove(String name, Optional<GroupEntry> group) {
        return group.isEmpty() ? List.of() : List.of("groupdel", name);
    }

    private static List<String> add(String name, Integer gid, Args args) {
        List<String> cmd = new ArrayList<>(List.of("groupadd"));
        if (gid != null) {
            cmd.addAll(List.of("-g", String.valueOf(gid)));
            if (args.bool("non_unique")) {
                cmd.add("-o");
            }
        }
        if (args.bool("system")) {
            cmd.add("-r");
        }
        cmd.add(name);
        return cmd;
    }

    private static List<String> modify(String name, Integer gid, Args args, GroupEntry group) {
        if (gid == null || gid == group.gid()) {
            return List.of();
        }
        List<String> cmd = new ArrayList<>(List.of("groupmod", "-g", String.valueOf(gid)));
        if (args.bool("non_unique")) {
            cmd.add("-o");
        }
        cmd.add(name);
        return cmd;
    }
}
