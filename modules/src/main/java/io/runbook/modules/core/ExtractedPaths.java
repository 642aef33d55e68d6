package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.FileInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * After an extraction, the owner, group, mode and attributes the task asks for given to every member's path and to
 * the top folders they are in, as Ansible's unarchive calls set_fs_attributes_if_different on each: a symbolic mode
 * per path, a link's own owner (its mode counted as changed when it is not the mode asked, its target untouched, as
 * Ansible's chmod-and-restore leaves it).
 */
final class ExtractedPaths {
    private final ModuleContext ctx;
    private final ArchiveRun run;

    ExtractedPaths(ModuleContext ctx, ArchiveRun run) {
        this.ctx = ctx;
        this.run = run;
    }

    /** Whether anything was changed. */
    boolean settle(List<String> members) throws ModuleException, InterruptedException {
        String attributes = ctx.args().has("attributes") ? ctx.args().string("attributes") : null;
        if (run.owner == null && run.group == null && run.mode == null && attributes == null) {
            return false;
        }
        FileOwner owner = FileOwner.of(ctx.args(), run.host);
        String base = run.dest.replaceAll("/+$", "");
        List<String> paths = new ArrayList<>();
        members.forEach(m -> paths.add(base + "/" + m));
        UnarchiveModule.topFolders(members).forEach(t -> paths.add(base + "/" + t));
        boolean changed = false;
        for (String path : paths) {
            FileInfo info = run.host.stat(path, false);
            if (!info.exists()) {
                throw new ModuleException("Unexpected error when accessing exploded file: [Errno 2] No such file or directory: b'"
                        + path.replaceAll("/+$", "") + "'");
            }
            changed |= owner.apply(run.host, path, info, null, false);
            changed |= mode(path, info);
            changed |= FileAttributes.apply(ctx, run.host, path, attributes, null);
        }
        return changed;
    }

    private boolean mode(String path, FileInfo info) throws ModuleException {
        if (run.mode == null) {
            return false;
        }
        int mode;
        try {
            mode = FileMode.apply(run.mode, info.mode(), info.isDirectory());
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
        if (mode == info.mode()) {
            return false;
        }
        if (info.type() != FileInfo.Type.LINK) {
            run.host.chmod(path, mode);
        }
        return true;
    }
}
