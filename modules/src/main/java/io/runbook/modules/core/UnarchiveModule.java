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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code unarchive}: unpacks a tar (gz, bz2, xz, zst) or zip archive into a folder on the host with the host's own
 * GNU tar or unzip, as Ansible's unarchive: a controller file is sent to a temporary folder on the host first
 * ({@link ArchiveSource}); only an archive the folder does not hold already is extracted (tar's {@code --diff}, zip's
 * listing compared with the files); then the owner, group and mode asked for are given to every extracted path.
 */
public final class UnarchiveModule implements Module {
    private static final String NO_CHECK_MODE = "remote module (ansible.legacy.unarchive) does not support check mode when using gtar";
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("src").required().description("the archive: a controller file (relative: looked for as copy's src, "
                    + "files/ first; a vault-encrypted one is opened), or with remote_src a file on the host or an http(s) URL "
                    + "the host downloads"))
            .arg(Arg.str("dest").required().description("the folder on the host to unpack into; it must exist"))
            .arg(Arg.bool("remote_src").defaultValue(false).description("src is on the host (or a URL), not the controller"))
            .arg(Arg.bool("copy").description("deprecated opposite of remote_src (false: src is on the host)"))
            .arg(Arg.str("creates").description("a path on the host: when it exists, the task is skipped"))
            .arg(Arg.bool("list_files").defaultValue(false).description("register the archive's members as files"))
            .arg(Arg.bool("keep_newer").defaultValue(false).description("do not replace files newer than the archive's"))
            .arg(Arg.list("exclude").defaultValue(List.of()).description("members (globs) to leave out"))
            .arg(Arg.list("include").defaultValue(List.of()).description("the only members (globs) to extract"))
            .arg(Arg.list("extra_opts").defaultValue(List.of()).description("more options for tar or unzip, one word an item"))
            .arg(Arg.raw("mode").description("the mode of every extracted path: '0644', 0644 or symbolic (u=rwX,g=rX,o=)"))
            .arg(Arg.str("owner").description("the owner of every extracted path: a name (looked up on the host) or a uid"))
            .arg(Arg.str("group").description("the group of every extracted path: a name (looked up on the host) or a gid"))
            .arg(Arg.str("attributes").description("lsattr flags to give every extracted path (chattr)"))
            .arg(Arg.bool("decrypt").defaultValue(true).description("open a vault-encrypted controller src before sending it"))
            .arg(Arg.bool("validate_certs").defaultValue(true).description("false: no certificate check of an https src"))
            .arg(Arg.integer("io_buffer_size").defaultValue(65536).description("accepted for compatibility (Ansible's CRC-32 read size)"))
            .mutuallyExclusive("include", "exclude")
            .mutuallyExclusive("copy", "remote_src")
            .arg(UnsafeWrites.ACCEPTED)
            .build();

    @Override
    public String name() {
        return "unarchive";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Unpack a tar or zip archive (from the controller, the host or a URL) into a folder on the host";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        boolean remote = args.has("copy") ? !args.bool("copy") : args.bool("remote_src");
        if (args.has("creates")) {
            String creates = host.resolveForAction(args.string("creates"), ctx.workDir());
            if (host.stat(creates, true).exists()) {
                return Result.skipped("skipped, since " + creates + " exists");
            }
        }
        String dest = host.resolveForAction(args.string("dest"), ctx.workDir());
        try (ArchiveSource source = ArchiveSource.of(ctx, host, remote)) {
            if (!host.stat(dest, true).isDirectory()) {
                throw new ModuleException("dest '" + dest + "' must be an existing dir");
            }
            String src = source.onHost();
            Result refused = checkSource(host, src);
            return refused != null ? refused : unpack(ctx, new ArchiveRun(ctx, host, src, dest));
        }
    }

    /** The module's checks of the archive on the host (Ansible's words). */
    private static Result checkSource(HostConnection host, String src) throws ModuleException {
        FileInfo info = host.stat(src, true);
        if (!info.exists()) {
            return Result.failed("Source '" + src + "' does not exist");
        }
        if (info.size() == 0) {
            return Result.failed("Invalid archive '" + src + "', the file is 0 bytes");
        }
        return null;
    }

    private static Result unpack(ModuleContext ctx, ArchiveRun run) throws ModuleException, InterruptedException {
        ArchiveHandler handler = null;
        Set<String> reasons = new LinkedHashSet<>();
        for (ArchiveHandler candidate : ArchiveHandler.all(run)) {
            if (candidate instanceof TarArchive && ctx.checkMode()) {
                return Result.skipped(NO_CHECK_MODE);  // as Ansible: its tar handlers end a check-mode run when made
            }
            String refusal = candidate.refusal();
            if (refusal == null) {
                handler = candidate;
                break;
            }
            reasons.add(refusal);
        }
        if (handler == null) {
            return Result.failed("Failed to find handler for \"" + run.src + "\". Make sure the required command to extract the file is "
                    + "installed.\n" + String.join("\n", reasons));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handler", handler.name());
        data.put("dest", run.dest);
        data.put("src", run.src);
        ArchiveHandler.Check check;
        try {
            check = handler.check();
        } catch (ArchiveHandler.Unreadable e) {
            return Result.failed(e.getMessage());
        }
        boolean changed = !check.unarchived();
        if (changed && !ctx.checkMode()) {
            Map<String, Object> extracted = handler.extract();
            data.put("extract_results", extracted);
            if (!Integer.valueOf(0).equals(extracted.get("rc"))) {
                return described(Result.failed("failed to unpack " + run.src + " to " + run.dest).withAll(data), run);
            }
        }
        Result result = Result.changed(changed);
        if (check.diff() != null && !check.diff().isEmpty()) {
            data.put("diff", Map.of("prepared", check.diff()));
            if (ctx.diffMode()) {
                result = result.withDiff(io.runbook.engine.module.Diff.prepared(check.diff()));
            }
        }
        if (!ctx.checkMode()) {
            try {
                result = result.withChanged(new ExtractedPaths(ctx, run).settle(handler.files()) || changed);
            } catch (ModuleException e) {
                return described(Result.failed(e.getMessage()).withAll(data), run);
            }
        }
        if (ctx.args().bool("list_files")) {
            data.put("files", handler.files());
        }
        return described(result.withAll(data), run);
    }

    /** Ansible's add_path_info of dest: its owner, group, mode, state and size. */
    private static Result described(Result r, ArchiveRun run) throws ModuleException {
        FileInfo info = run.host.stat(run.dest, false);
        if (!info.exists()) {
            return r;
        }
        return r.with("uid", info.uid()).with("gid", info.gid())
                .with("owner", info.owner() != null ? info.owner() : info.uid())
                .with("group", info.group() != null ? info.group() : info.gid())
                .with("mode", FileMode.format(info.mode())).with("state", info.linkState()).with("size", info.size());
    }

    /** The members' paths, and the top folders they are in, as extra lists for {@link ExtractedPaths}. */
    static List<String> topFolders(List<String> members) {
        List<String> tops = new ArrayList<>();
        for (String member : members) {
            int slash = member.indexOf('/');
            if (slash >= 0 && !tops.contains(member.substring(0, slash))) {
                tops.add(member.substring(0, slash));
            }
        }
        return tops;
    }
}
