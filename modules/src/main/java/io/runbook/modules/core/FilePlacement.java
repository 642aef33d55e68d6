package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code template}, {@code copy} and {@code get_url} share once the content is known: where it goes
 * (a folder gets the source's name) and the write itself with Ansible's result keys ({@code dest},
 * {@code checksum}, {@code size}, {@code mode}, {@code state}, {@code uid}/{@code gid}/{@code owner}/{@code group},
 * {@code backup_file}) and diff.
 */
final class FilePlacement {
    private FilePlacement() {
    }

    /** {@code dest}, or {@code dest/name} when dest is a folder; its folder must exist. */
    static String destination(HostConnection host, String dest, String name, String module) throws ModuleException {
        FileInfo info = host.stat(dest, true);
        String target = info.isDirectory() ? dest.replaceAll("/+$", "") + "/" + name : dest;
        String parent = parent(target);
        if (!host.stat(parent, true).isDirectory()) {
            throw new ModuleException("destination folder " + parent + " does not exist on " + host.describe()
                    + "; create it first (" + module + " does not create folders)");
        }
        return target;
    }

    /**
     * The file {@code dest} leads to through its symlinks ({@code follow: yes}), or {@code dest} itself when it is
     * no link, or when its links end nowhere (then the link is replaced, as Ansible does).
     */
    static String followed(HostConnection host, String dest) throws ModuleException {
        String path = dest;
        for (int hops = 0; hops < 40; hops++) {
            FileInfo info = host.stat(path, false);
            if (info.type() != FileInfo.Type.LINK || info.linkTarget() == null) {
                return info.exists() ? path : dest;
            }
            path = linkTarget(path, info.linkTarget());
        }
        throw new ModuleException("cannot follow " + dest + ": too many levels of symbolic links");
    }

    /** The path a link's target names: absolute as given, or relative to the link's folder (as the kernel reads it). */
    static String linkTarget(String link, String target) {
        return target.startsWith("/") ? target : parent(link).replaceAll("/$", "") + "/" + target;
    }

    static String parent(String path) {
        int slash = path.replaceAll("/+$", "").lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Writes (unless check mode or nothing changes) and reports. */
    static Result place(ModuleContext ctx, HostConnection host, FileWrite write, String dest, FileContent content,
                        boolean backup) throws ModuleException {
        Result result = Result.changed(write.changes()).with("dest", dest).with("checksum", content.sha1()).with("size", content.size());
        if (ctx.diffMode() && write.contentChanges()) {
            result = result.withDiff(write.diff(dest));
        }
        if (!ctx.checkMode() && write.changes()) {
            String copy = write.apply(backup);
            if (copy != null) {
                result = result.with("backup_file", copy);
            }
        }
        FileInfo after = ctx.checkMode() || !write.changes() ? write.current() : host.stat(dest, true);
        result = result.with("mode", FileMode.format(write.finalMode())).with("state", "file");
        if (after.exists()) {
            result = result.with("uid", after.uid()).with("gid", after.gid());
            if (after.owner() != null) {
                result = result.with("owner", after.owner());
            }
            if (after.group() != null) {
                result = result.with("group", after.group());
            }
        }
        return result;
    }

    /**
     * The {@code owner} and {@code group} asked for, given to the placed file as the {@code file} module gives them
     * ({@link FileOwner}): changed when they differ, and the result's ids and names are the file's afterwards.
     */
    static Result owned(Result placed, ModuleContext ctx, HostConnection host, String dest, FileOwner owner)
            throws ModuleException {
        if (!owner.asked() || !owner.apply(host, dest, host.stat(dest, false), null, ctx.checkMode())) {
            return placed;
        }
        Result result = placed.withChanged(true);
        FileInfo after = host.stat(dest, true);
        if (ctx.checkMode() || !after.exists()) {
            return result;
        }
        result = result.with("uid", after.uid()).with("gid", after.gid());
        result = after.owner() == null ? result : result.with("owner", after.owner());
        return after.group() == null ? result : result.with("group", after.group());
    }

    /** What Ansible's action plugins register for the text of a task with {@code no_log}. */
    static final String HIDDEN = " [[ Diff output has been hidden because 'no_log: true' was specified for this result ]]\n";

    /**
     * {@code copy}'s and {@code template}'s registered {@code diff}, as their Ansible action plugins make it: when the
     * content changes, a list that in diff mode holds {@code {before, before_header: DEST (when it exists), after,
     * after_header: SOURCE}} and is empty otherwise; when only the mode (or nothing) changes, the {@code file}
     * module's {@code {before: {path, mode}, after: {…}}}, also shown with --diff. Texts are {@link FileWrite#diff}'s
     * (a vault-encrypted source or a binary file as a one-line note); with no_log, Ansible's hidden marker.
     */
    static Result withRegisteredDiff(Result r, ModuleContext ctx, FileWrite write, String dest, String source) {
        if (!write.contentChanges()) {
            FileDiff attributes = new FileDiff(dest, "file", "file");
            if (write.modeChanges()) {
                attributes.change("mode", FileMode.format(write.current().mode()), FileMode.format(write.finalMode()));
            }
            return attributes.attach(r, ctx);
        }
        if (!ctx.diffMode()) {
            return r.with("diff", List.of());
        }
        io.runbook.engine.module.Diff text = write.diff(dest);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("before", ctx.noLog() ? "" : text.before());
        if (write.exists()) {
            content.put("before_header", dest);
        }
        content.put("after", ctx.noLog() ? HIDDEN : text.after());
        content.put("after_header", source);
        return r.with("diff", List.of(content));
    }
}
