package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.PyJson;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code copy}: puts a controller file, a folder of them, or given text at {@code dest} on the host, as
 * Ansible's {@code copy}: only what differs is written (atomically), check mode predicts, diff shows the text.
 */
public final class CopyModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("src").lookIn("files").description("a controller file or folder; relative: looked for in the role, the roles that led to it, the "
                    + "task file's folder, then the playbook's folder, each one's files/ first; a folder ending in / "
                    + "copies its contents; with remote_src, a file on the host"))
            .arg(Arg.raw("content").description("the text to write instead of src (a mapping or list: as JSON)"))
            .arg(Arg.str("dest").required().description("where on the host; a folder (or a path ending in /) gets src's name"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible), symbolic like u=rw,g=r,o=, "
                    + "or preserve (src's mode); "
                    + "unset keeps an existing file's mode (new files: 0644)"))
            .arg(Arg.raw("directory_mode").description("mode of folders a folder copy creates (default 0755)"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as DEST.PID.<time>~ when it changes"))
            .arg(Arg.bool("force").defaultValue(true).description("false: only write when dest does not exist yet"))
            .arg(Arg.bool("remote_src").defaultValue(false).description("src is a file on the host, not the controller"))
            .arg(Arg.bool("follow").defaultValue(false).description("a dest that is a symlink: yes writes the file it leads to; "
                    + "no replaces the link by a file (changed even when the content is the same)"))
            .arg(Arg.bool("local_follow").description("symlinks in a source folder: yes (the default for a controller folder) "
                    + "copies what a link leads to, a link back into the folder copied staying a link; no copies links as "
                    + "links. With remote_src, unset keeps links as links where Ansible's copy does (a new folder) and skips "
                    + "them elsewhere"))
            .arg(Arg.str("owner").description("the owner of the files written: a name (looked up on the host) or a uid"))
            .arg(Arg.str("group").description("the group of the files written: a name (looked up on the host) or a gid"))
            .arg(Arg.bool("decrypt").defaultValue(true).description("open a vault-encrypted src before copying it"))
            .arg(Arg.str("validate").description(Validation.DESCRIPTION))
            .arg(Arg.str("checksum").description("the SHA-1 (lowercase hex) the file sent must have: compared when dest is to "
                    + "change (with remote_src: always, in check mode too); a mismatch fails and dest stays as it was"))
            .mutuallyExclusive("src", "content")
            .requiredOneOf("src", "content")
            .arg(UnsafeWrites.ARG)
            .build();

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** As Ansible's copy action plugin: the copy module's or file module's arguments it gave ({@link CopyEcho}). */
    @Override
    public Map<String, Object> echoedArgs(Args args, Map<String, Object> result) {
        Map<String, Object> echoed = args.bool("remote_src") ? null : CopyEcho.of(args, result,
                args.has("content") ? null : Path.of(args.string("src")).getFileName().toString());
        return echoed != null ? echoed : echoedArgs(args);
    }

    @Override
    public String description() {
        return "Copy a controller file or folder, or given text, to the host (only what differs)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String rawDest = expandVars(ctx, host, args.string("dest"));
        // Ansible's copy action expands dest's ~ itself, but for remote_src, where its module does
        String dest = args.bool("remote_src") ? host.resolve(rawDest, ctx.workDir()) : host.resolveForAction(rawDest, ctx.workDir());
        if (args.has("content")) {
            if (rawDest.endsWith("/") || host.stat(dest, true).isDirectory()) {
                throw new ModuleException("can not use content with a dir as dest (" + dest + "): give the file's path");
            }
            return copiedOrLeft(copyFile(ctx, host, FileContent.of(contentText(args.raw("content"))), dest, null), dest,
                    CopyActionResult.GENERATED);
        }
        if (args.string("src").isEmpty()) {
            throw new ModuleException("src (or content) is required");
        }
        if (args.bool("remote_src")) {
            String rawSrc = expandVars(ctx, host, args.string("src"));
            String src = host.resolve(rawSrc, ctx.workDir());
            FileInfo info = host.stat(src, true);
            if (!info.exists()) {
                throw new ModuleException("Source " + rawSrc + " not found");
            }
            if (info.isDirectory()) {
                return new HostFolderCopy(ctx, host).copy(src, args.string("src").endsWith("/"), dest, rawDest.endsWith("/"));
            }
            return copyOnHost(ctx, host, src, dest, rawDest.endsWith("/"));
        }
        Path src = ControllerFiles.find(args.string("src"), ctx.baseDir(),
                io.runbook.engine.vars.HomeDir.of(ctx.runEnvironment()));
        if (Files.isDirectory(src)) {
            boolean localFollow = !args.has("local_follow") || args.bool("local_follow");
            return new FolderCopy(ctx, host).copy(src, args.string("src").endsWith("/"), dest, localFollow);
        }
        String target = target(ctx, host, dest, rawDest.endsWith("/"), src.getFileName().toString());
        FileContent content = ControllerFiles.content(src, args.bool("decrypt"));
        return copiedOrLeft(copyFile(ctx, host, content, target, src), target, src.toString());
    }

    /** As Ansible's action plugin: an existing dest that force: false leaves alone registers dest, src and changed. */
    private static Result copiedOrLeft(Result copied, String dest, String source) {
        return copied != null ? copied : Result.ok().with("dest", dest).with("src", source);
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$(?:(\\w+)|\\{(\\w+)})");

    /**
     * {@code $NAME} and {@code ${NAME}} in a path on the host replaced by the environment's value, as the path
     * arguments of Ansible's copy module are (os.path.expandvars: an unset one stays as written). Only on the local
     * host, whose environment is the run's; elsewhere the path is used as written.
     */
    static String expandVars(ModuleContext ctx, HostConnection host, String path) {
        if (!host.isLocal() || path.indexOf('$') < 0) {
            return path;
        }
        java.util.regex.Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = ctx.runEnvironment().get(m.group(1) != null ? m.group(1) : m.group(2));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        return m.appendTail(out).toString();
    }

    /** dest, or dest/name for a folder; a dest ending in / is created like mkdir -p, as Ansible does. */
    static String target(ModuleContext ctx, HostConnection host, String dest, boolean slash, String name) throws ModuleException {
        if (slash && !host.stat(dest, true).exists() && !ctx.checkMode()) {
            Folders.create(host, dest, 0755);
        }
        if (slash || host.stat(dest, true).isDirectory()) {
            return dest.replaceAll("/+$", "") + "/" + name;
        }
        String parent = FilePlacement.parent(dest);
        if (!host.stat(parent, true).isDirectory()) {
            throw new ModuleException("destination folder " + parent + " does not exist on " + host.describe());
        }
        return dest;
    }

    /**
     * One file, registered as Ansible's action plugin registers it ({@link CopyActionResult}): {@code src} is the
     * controller file (for mode: preserve), or null for given text. Null when force: false leaves an existing dest alone.
     */
    /** The text of content: as Ansible's copy action, a mapping or list (a template's JSON made a value) as json.dumps writes it. */
    static String contentText(Object content) {
        return content instanceof Map || content instanceof List ? PyJson.dumps(content) : String.valueOf(content);
    }

    static Result copyFile(ModuleContext ctx, HostConnection host, FileContent content, String dest, Path src)
            throws ModuleException, InterruptedException {
        Args args = ctx.args();
        if (!args.bool("force") && host.stat(dest, false).exists()) {
            return null;
        }
        if (args.bool("follow")) {
            dest = FilePlacement.followed(host, dest);
        }
        FileWrite write = FileWrite.plan(ctx, host, dest, content, mode(FileMode.spec(args, "mode"), src), true);
        String source = src == null ? CopyActionResult.GENERATED : src.toString();
        Result placed;
        try {
            placed = FilePlacement.placeChecked(ctx, host, write, dest, content, content.secret());
        } catch (Validation.Refused e) {
            // as Ansible's action plugin registers the module's failure: with the checksum and the diff it made
            return FilePlacement.withRegisteredDiff(e.result(content.sha1()), ctx, write, dest, source);
        }
        placed = owned(ctx, host, placed, dest);
        return CopyActionResult.of(placed, ctx, write, dest, source, content);
    }

    /** The owner and group asked for, given to a written file (in check mode: changed when they would differ). */
    static Result owned(ModuleContext ctx, HostConnection host, Result placed, String dest) throws ModuleException {
        if (!ctx.args().has("owner") && !ctx.args().has("group")) {
            return placed;
        }
        try {
            return FilePlacement.owned(placed, ctx, host, dest, FileOwner.of(ctx.args(), host));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while looking up the owner of " + dest);
        }
    }

    private static Result copyOnHost(ModuleContext ctx, HostConnection host, String src, String dest, boolean slash)
            throws ModuleException, InterruptedException {
        FileInfo info = host.stat(src, true);
        if (!info.isFile()) {
            // Ansible's words, which playbooks check ('not a file' in msg)
            throw new ModuleException("Cannot copy invalid source '" + src + "': not a file");
        }
        String target = target(ctx, host, dest, slash, src.substring(src.lastIndexOf('/') + 1));
        String mode = "preserve".equals(FileMode.spec(ctx.args(), "mode")) ? FileMode.format(info.mode()) : FileMode.spec(ctx.args(), "mode");
        FileContent content = FileContent.of(host.read(src));
        try {
            // Ansible's copy module compares the source's checksum first, in check mode too and when dest holds it already
            FilePlacement.checksum(ctx.args(), content);
        } catch (Validation.Refused e) {
            return e.result(null);
        }
        if (!ctx.args().bool("force") && host.stat(target, false).exists()) {
            return Result.ok().with("dest", target).withMsg("file already exists");
        }
        if (ctx.args().bool("follow")) {
            target = FilePlacement.followed(host, target);
        }
        FileWrite write = FileWrite.plan(ctx, host, target, content, mode, true);
        Result placed;
        try {
            placed = FilePlacement.placeChecked(ctx, host, write, target, content, false);
        } catch (Validation.Refused e) {
            return e.result(null);  // the module's own failure: no action plugin adds a checksum or diff
        }
        placed = placed.with("src", src).with("md5sum", Checksum.md5(content));
        return asCopyModule(owned(ctx, host, placed, target), ctx, write);
    }

    /**
     * With remote_src Ansible runs the copy module itself: no {@code diff} is registered, and in check mode the
     * attributes are dest's as it is (none when it does not exist yet). --diff still shows the change here.
     */
    private static Result asCopyModule(Result placed, ModuleContext ctx, FileWrite write) {
        if (!ctx.checkMode()) {
            return placed;
        }
        Result module = Result.changed(placed.isChanged());
        for (java.util.Map.Entry<String, Object> e : placed.data().entrySet()) {
            if (write.exists() || !java.util.Set.of("size", "mode", "state").contains(e.getKey())) {
                module = module.with(e.getKey(), e.getValue());
            }
        }
        for (io.runbook.engine.module.Diff shown : placed.diffs()) {
            module = module.withDiff(shown);
        }
        return write.exists() ? module.with("size", write.current().size()).with("mode", FileMode.format(write.current().mode()))
                : module;
    }

    /**
     * The mode to give: {@code preserve} is the controller source's; for {@code content}, 0600, the mode of the
     * temporary file Ansible's action writes the content into (tempfile.mkstemp) and preserves.
     */
    static String mode(String mode, Path src) throws ModuleException {
        if (!"preserve".equals(mode)) {
            return mode;
        }
        if (src == null) {
            return "0600";
        }
        try {
            return FileMode.format((Integer) Files.getAttribute(src, "unix:mode"));
        } catch (IOException e) {
            throw new ModuleException("cannot read the mode of " + src + ": " + e.getMessage());
        }
    }
}
