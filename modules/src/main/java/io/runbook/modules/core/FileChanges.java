package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;

/** What each {@code file} state does to one path: decided from {@code before}, applied unless check mode. */
final class FileChanges {
    private final ModuleContext ctx;
    private final HostConnection host;
    private final String path;
    private final FileInfo before;
    private final String modeSpec;

    FileChanges(ModuleContext ctx, HostConnection host, String path, FileInfo before, String modeSpec) {
        this.ctx = ctx;
        this.host = host;
        this.path = path;
        this.before = before;
        this.modeSpec = modeSpec;
    }

    Result absent() throws ModuleException {
        Result r = Result.changed(before.exists()).with("path", path).with("state", "absent");
        if (!before.exists()) {
            return r;
        }
        if (!ctx.checkMode()) {
            host.remove(path);
        }
        return withDiff(r, before.state(), null, "absent", null);
    }

    Result directory(boolean recurse) throws ModuleException {
        if (before.exists() && !before.isDirectory()) {
            throw new ModuleException(path + " already exists as a " + before.state() + " on " + host.describe() + ", not a folder");
        }
        int mode = mode(before.exists() ? before.mode() : 0755, true);
        boolean changed = false;
        if (!before.exists()) {
            changed = true;
            if (!ctx.checkMode()) {
                Folders.create(host, path, mode);
            }
        } else if (modeSpec != null && before.mode() != mode) {
            changed = true;
            if (!ctx.checkMode()) {
                host.chmod(path, mode);
            }
        }
        if (recurse && modeSpec != null && before.exists()) {
            changed |= new RecursiveMode(host, modeSpec, ctx.checkMode()).apply(path);
        }
        Result r = described(Result.changed(changed), "directory", mode);
        return changed ? withDiff(r, before.state(), before.exists() ? before.modeText() : null, "directory", FileMode.format(mode)) : r;
    }

    Result touch() throws ModuleException {
        int mode = mode(before.exists() ? before.mode() : FileWrite.NEW_FILE, before.isDirectory());
        if (!ctx.checkMode()) {
            host.touch(path, mode);
            if (before.exists() && before.mode() != mode) {
                host.chmod(path, mode);
            }
        }
        Result r = described(Result.changed(), before.exists() ? before.state() : "file", mode).with("dest", path);
        return withDiff(r, before.state(), before.exists() ? before.modeText() : null, before.exists() ? before.state() : "file", FileMode.format(mode));
    }

    Result file() throws ModuleException {
        if (!before.exists()) {
            throw new ModuleException("file (" + path + ") is absent, cannot continue (use state: touch to create it)");
        }
        int mode = mode(before.mode(), before.isDirectory());
        boolean changed = modeSpec != null && before.mode() != mode;
        if (changed && !ctx.checkMode()) {
            host.chmod(path, mode);
        }
        Result r = described(Result.changed(changed), before.state(), mode);
        return changed ? withDiff(r, before.state(), before.modeText(), before.state(), FileMode.format(mode)) : r;
    }

    /** Ansible's keys: path, state, mode, and the owner as it is after the change (or before, in check mode). */
    private Result described(Result r, String state, int mode) throws ModuleException {
        Result out = r.with("path", path).with("state", state).with("mode", FileMode.format(mode));
        FileInfo now = ctx.checkMode() ? before : host.stat(path, false);
        if (now.exists()) {
            out = out.with("uid", now.uid()).with("gid", now.gid()).with("size", now.size());
            if (now.owner() != null) {
                out = out.with("owner", now.owner());
            }
            if (now.group() != null) {
                out = out.with("group", now.group());
            }
        }
        return out;
    }

    private Result withDiff(Result r, String beforeState, String beforeMode, String afterState, String afterMode) {
        return ctx.diffMode() ? r.withDiff(FileModule.diff(path, beforeState, beforeMode, afterState, afterMode)) : r;
    }

    private int mode(int current, boolean directory) throws ModuleException {
        if (modeSpec == null) {
            return current & 07777;
        }
        try {
            return FileMode.apply(modeSpec, current, directory);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }
}
