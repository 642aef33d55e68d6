package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.AtomicWriteFailure;
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
        try {
            return place(ctx, host, write, dest, content, backup, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while writing " + dest);
        }
    }

    /**
     * {@code copy}'s and {@code template}'s write, with their module's checks when the content is to change (never
     * in check mode, as Ansible's action plugin does not call the module then): {@code checksum}, the SHA-1 the
     * content must have, then {@code validate} on the content given the file's mode and owner.
     *
     * @throws Validation.Refused when a check refuses the content, or when dest's folder takes no temporary file and
     *         unsafe_writes is off (Ansible's {@code Destination FOLDER not writable}): {@code dest} is as it was
     */
    static Result placeChecked(ModuleContext ctx, HostConnection host, FileWrite write, String dest, FileContent content,
                               boolean secret) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        if (!ctx.checkMode() && write.contentChanges()) {
            checksum(args, content);
        }
        String validate = args.has("validate") ? args.string("validate") : null;
        FileWrite.BeforeWrite check = validate == null ? null : () -> Validation.check(ctx, host, validate,
                secret ? content.asSecret() : content, write.finalMode(), FileOwner.of(args, host));
        try {
            return place(ctx, host, write, dest, content, args.bool("backup"), check);
        } catch (AtomicWriteFailure e) {
            if (!e.folderNotWritable()) {
                throw e;
            }
            // Ansible's copy module checks that the folder is writable before it writes (unless unsafe_writes)
            String msg = "Destination " + parent(dest) + " not writable";
            throw new Validation.Refused(msg, msg, Map.of());
        }
    }

    /** Ansible's copy module: the SHA-1 of what was transferred must be {@code checksum} (compared as written). */
    static void checksum(Args args, FileContent content) throws Validation.Refused {
        String expected = args.has("checksum") ? args.string("checksum") : null;
        if (expected != null && !expected.isEmpty() && !expected.equals(content.sha1())) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("checksum", content.sha1());
            fields.put("expected_checksum", expected);
            String msg = "Copied file does not match the expected checksum. Transfer failed.";
            throw new Validation.Refused(msg, msg, fields);
        }
    }

    private static Result place(ModuleContext ctx, HostConnection host, FileWrite write, String dest, FileContent content,
                                boolean backup, FileWrite.BeforeWrite check) throws ModuleException, InterruptedException {
        Result result = Result.changed(write.changes()).with("dest", dest).with("checksum", content.sha1()).with("size", content.size());
        if (ctx.diffMode() && write.contentChanges()) {
            result = result.withDiff(write.diff(dest));
        }
        if (!ctx.checkMode() && write.changes()) {
            String copy = write.apply(backup, check);
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
            return attributes.attach(r);
        }
        if (!ctx.diffMode()) {
            return r.with("diff", List.of());
        }
        // --diff shows the registered headers, as Ansible's callback does
        r = r.mapDiffs(d -> d.headed(write.exists() ? dest : null, source));
        return r.with("diff", List.of(registeredText(ctx, write, dest, source)));
    }

    /**
     * The text diff an Ansible action plugin registers (its {@code _get_diff_data}): {@code {before, before_header:
     * DEST (when it exists), after, after_header: SOURCE}}, texts as {@link FileWrite#diff}'s, hidden with no_log.
     */
    static Map<String, Object> registeredText(ModuleContext ctx, FileWrite write, String dest, String source) {
        io.runbook.engine.module.Diff text = write.diff(dest);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("before", ctx.noLog() ? "" : text.before());
        if (write.exists()) {
            content.put("before_header", dest);
        }
        content.put("after", ctx.noLog() ? HIDDEN : text.after());
        content.put("after_header", source);
        return content;
    }
}
