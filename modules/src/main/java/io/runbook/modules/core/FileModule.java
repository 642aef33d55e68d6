package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;

/**
 * {@code file}: a folder that exists (like {@code mkdir -p}), a path that is gone, a file that is touched, a mode
 * (and owner, group) that is set, or a symbolic or hard link, on the host, as Ansible's {@code file}. Check mode predicts from what is there.
 */
public final class FileModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("path").required().aliases("dest", "name").description("the path on the host"))
            .arg(Arg.str("state").choices("file", "directory", "absent", "touch", "link", "hard")
                    .description("directory (created with its parents), absent (removed, folders with their contents), "
                            + "touch (created empty or its times set to now), file (must exist; mode is set), "
                            + "link (a symbolic link to src), hard (a hard link to src). Default: what is there, else file"))
            .arg(Arg.str("src").description("with link: what the link points to, kept as given (relative: to the link's folder); "
                    + "with hard: the file to give another name (relative: as path)"))
            .arg(Arg.bool("force").defaultValue(false).description("with link/hard: replace a file (or an empty folder, link) that is "
                    + "in the way; with link: also link to a src that does not exist"))
            .arg(Arg.bool("follow").defaultValue(true).description("with link: mode, owner, group, attributes and times apply to the link's "
                    + "target (false: to the link itself); with recurse: links inside are followed to what they name; without src, "
                    + "an existing link keeps its target"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible) "
                    + "or symbolic like u=rwX,g=rX,o=; for directory, also given to the folders created"))
            .arg(Arg.str("owner").description("the user that should own the path (a name looked up on the host, or a uid); "
                    + "with file, directory (each folder created too) and touch"))
            .arg(Arg.str("group").description("the group that should own the path (a name looked up on the host, or a gid)"))
            .arg(Arg.bool("recurse").defaultValue(false).description("with state directory: set mode, owner and group on everything inside too"))
            .arg(Arg.str("modification_time").description("preserve, now, or a time in modification_time_format (the host's local "
                    + "time) to give the path's modification time; default: now for touch, else preserve"))
            .arg(Arg.str("modification_time_format").defaultValue("%Y%m%d%H%M.%S").description("how modification_time is written "
                    + "(Python's strptime directives)"))
            .arg(Arg.str("access_time").description("preserve, now, or a time in access_time_format for the path's access time; "
                    + "default: now for touch, else preserve"))
            .arg(Arg.str("access_time_format").defaultValue("%Y%m%d%H%M.%S").description("how access_time is written (Python's "
                    + "strptime directives)"))
            .arg(Arg.str("attributes").aliases("attr").description("the path's attributes as lsattr shows them (letters such as A, i), "
                    + "set with chattr: =, or + and - when it starts with one; as Ansible, changed whenever lsattr's letters are not these"))
            .arg(Arg.bool("_diff_peek").description("internal, as Ansible's: only tell whether the file appears binary (a NUL byte in "
                    + "its first 8192)"))
            .arg(UnsafeWrites.ACCEPTED)
            .build();

    @Override
    public String name() {
        return "file";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Make a folder exist, a path absent, touch a file, set a mode, or make a symbolic or hard link, on the host";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        try {
            return change(ctx);
        } catch (ModuleException e) {
            if (e.isUnreachable() || !ctx.checkMode()) {
                throw e;
            }
            // in check mode, where it warns of accounts the host lacks: a failed result, not the exception, so that,
            // as Ansible's fail_json, it keeps those warnings
            return Result.failed(e.getMessage());
        }
    }

    private Result change(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String written = host.resolve(args.string("path"), ctx.workDir());
        String path = written;
        String src = args.has("src") ? args.string("src") : null;
        String given = args.has("state") ? args.string("state") : null;
        if (src != null && !"link".equals(given) && !"absent".equals(given) && host.stat(path, true).isDirectory()) {
            // Ansible's file places a hard link (or a given state with src) inside a folder path, under src's name
            path = path.replaceAll("/+$", "") + "/" + src.replaceAll("/+$", "").replaceAll(".*/", "");
        }
        FileInfo before;
        try {
            before = given == null ? host.statInode(path, false) : host.stat(path, false);
        } catch (ModuleException e) {
            if (!"directory".equals(given)) {
                throw e;
            }
            return FileChanges.underNonFolder(host, path, e);
        }
        String state = given != null ? given : before.exists() ? before.linkState() : args.bool("recurse") ? "directory" : "file";
        if (args.has("_diff_peek")) {
            return Result.ok().with("path", path).with("appears_binary", appearsBinary(host, path));
        }
        // as Ansible's ParameterError: the path as written named (and described when something is there)
        if (args.bool("recurse") && !state.equals("directory")) {
            return PathFacts.add(Result.failed("recurse option requires state to be 'directory'").with("path", written), host, written);
        }
        if (src != null && !state.equals("link") && !state.equals("hard")) {
            return PathFacts.add(Result.failed("src option requires state to be 'link' or 'hard'").with("path", written), host, written);
        }
        if (ctx.checkMode() && !state.equals("absent")) {
            warnOfMissingAccounts(ctx, host, args);
        }
        String mode = FileMode.spec(args, "mode");
        if (state.equals("link") || state.equals("hard")) {
            LinkChanges links = new LinkChanges(ctx, host, path, args.bool("force"), args.bool("follow"), mode)
                    .also(owner(ctx, host, args, path), FileTimes.of(args, state), args.has("attributes") ? args.string("attributes") : null);
            return state.equals("link") ? links.symlink(src) : links.hardlink(src);
        }
        FileChanges change = new FileChanges(ctx, host, path, before, mode,
                state.equals("absent") ? FileOwner.NONE : owner(ctx, host, args, path))
                .also(FileTimes.of(args, state), args.has("attributes") ? args.string("attributes") : null)
                .following(args.bool("follow"));
        return switch (state) {
            case "absent" -> change.absent();
            case "directory" -> change.directory(args.bool("recurse"));
            case "touch" -> change.touch();
            default -> change.file();
        };
    }

    /**
     * The owner and group asked for. In check mode a path that is not there yet needs no look-up (as Ansible's, which
     * only warns of an account it cannot find, see below): one that fails then asks for nothing.
     */
    private static FileOwner owner(ModuleContext ctx, HostConnection host, Args args, String path)
            throws ModuleException, InterruptedException {
        try {
            return FileOwner.of(args, host);
        } catch (ModuleException e) {
            if (ctx.checkMode() && !host.stat(path, true).exists()) {
                return FileOwner.NONE;
            }
            throw e;
        }
    }

    /** Ansible's check_owner_exists and check_group_exists: in check mode, a warning for an account the host lacks. */
    private static void warnOfMissingAccounts(ModuleContext ctx, HostConnection host, Args args) throws ModuleException, InterruptedException {
        String owner = args.has("owner") ? args.string("owner") : null;
        String group = args.has("group") ? args.string("group") : null;
        if (owner == null && group == null) {
            return;
        }
        io.runbook.modules.connection.HostAccounts.Account[] found = host.accounts().find(owner, group);
        if (owner != null && found[0] == null) {
            ctx.warn(owner.matches("\\d+") ? "failed to look up user with uid " + owner + ". Create user up to this point in real play"
                    : "failed to look up user " + owner + ". Create user up to this point in real play");
        }
        if (group != null && found[1] == null) {
            ctx.warn(group.matches("\\d+") ? "failed to look up group with gid " + group + ". Create group up to this point in real play"
                    : "failed to look up group " + group + ". Create group up to this point in real play");
        }
    }

    /** Ansible's execute_diff_peek: a NUL byte in the first 8192 bytes (a file it cannot read is text). */
    private static boolean appearsBinary(HostConnection host, String path) {
        try {
            byte[] head = host.read(path);
            for (int i = 0; i < Math.min(head.length, 8192); i++) {
                if (head[i] == 0) {
                    return true;
                }
            }
        } catch (ModuleException e) {
            return false;
        }
        return false;
    }
}
