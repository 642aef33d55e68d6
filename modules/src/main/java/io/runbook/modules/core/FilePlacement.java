package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;

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
}
