package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.util.List;

/** What each {@code file} state does to one path: decided from {@code before}, applied unless check mode. */
final class FileChanges {
    private final ModuleContext ctx;
    private final HostConnection host;
    private final String path;
    private final FileInfo before;
    private final String modeSpec;
    private final FileOwner owner;
    private FileTimes times = FileTimes.PRESERVE;
    private String attributes;
    private boolean follow = true;

    FileChanges(ModuleContext ctx, HostConnection host, String path, FileInfo before, String modeSpec, FileOwner owner) {
        this.ctx = ctx;
        this.host = host;
        this.path = path;
        this.before = before;
        this.modeSpec = modeSpec;
        this.owner = owner;
    }

    /** The times and lsattr attributes to set too (Ansible's modification_time, access_time and attributes). */
    FileChanges also(FileTimes times, String attributes) {
        this.times = times;
        this.attributes = attributes;
        return this;
    }

    /** With recurse: whether links inside are followed to what they name (Ansible's follow). */
    FileChanges following(boolean value) {
        this.follow = value;
        return this;
    }

    Result absent() throws ModuleException {
        Result r = Result.changed(before.exists()).with("path", path).with("state", "absent");
        if (!before.exists()) {
            return r;
        }
        FileDiff diff = new FileDiff(path, "absent", before.linkState());
        if (before.isDirectory()) {
            diff.content(host);
        }
        if (!ctx.checkMode()) {
            host.remove(path);
        }
        return diff.attach(r);
    }

    Result directory(boolean recurse) throws ModuleException, InterruptedException {
        if (before.exists() && !before.isDirectory()) {
            // as Ansible's: its words, the path named and described
            return PathFacts.add(Result.failed(path + " already exists as a " + before.linkState()).with("path", path), host, path);
        }
        FileDiff diff = new FileDiff(path, "directory", before.linkState());
        int mode = mode(before.exists() ? before.mode() : 0755, true);
        boolean changed = false;
        if (!before.exists()) {
            changed = true;
            if (!ctx.checkMode()) {
                List<String> made;
                try {
                    made = Folders.create(host, path, mode);
                } catch (ModuleException e) {
                    return underNonFolder(host, path, e);
                }
                for (String created : made) {
                    // as Ansible: each folder made gets the owner and group (the diff keeps the last one's)
                    owner.apply(host, created, host.stat(created, false), diff, false);
                }
                if (modeSpec != null && mode != 0755) {
                    // Ansible sets the mode after mkdir: before is what mkdir gave under the usual umask 022
                    diff.change("mode", FileMode.format(0755), FileMode.format(mode));
                }
                FileAttributes.apply(ctx, host, path, attributes, diff);
                times.apply(ctx, host, path, diff);
            }
        } else {
            changed = owner.apply(host, path, before, diff, ctx.checkMode());
            if (modeSpec != null && before.mode() != mode) {
                changed = true;
                diff.change("mode", before.modeText(), FileMode.format(mode));
                if (!ctx.checkMode()) {
                    host.chmod(path, mode);
                }
            }
            changed |= FileAttributes.apply(ctx, host, path, attributes, diff);
            changed |= times.apply(ctx, host, path, diff);
        }
        if (recurse && (modeSpec != null || owner.asked()) && before.exists()) {
            changed |= new RecursiveMode(host, modeSpec, owner, ctx.checkMode(), follow).apply(path);
        }
        return diff.attach(described(Result.changed(changed), "directory", mode));
    }

    /**
     * A folder asked for under a file: Ansible's ensure_directory failure (mkdir of the first folder under the file, in
     * Python's words), or {@code cause} again when no file is in the way.
     */
    static Result underNonFolder(HostConnection host, String path, ModuleException cause) throws ModuleException {
        String blocked = path.startsWith("/") ? Folders.underNonFolder(host, path) : null;
        if (blocked == null) {
            throw cause;
        }
        return Result.failed("There was an issue creating " + blocked + " as requested: [Errno 20] Not a directory: b'" + blocked + "'")
                .with("path", path);
    }

    Result touch() throws ModuleException, InterruptedException {
        int mode = mode(before.exists() ? before.mode() : FileWrite.NEW_FILE, before.isDirectory());
        if (!before.exists() && ctx.checkMode()) {
            // as Ansible: a file touch would create registers only changed and dest (no diff, nothing to describe)
            return Result.changed(true).with("dest", path);
        }
        FileDiff diff = new FileDiff(path, "touch", before.linkState());
        boolean changed = !before.exists();
        if (!before.exists()) {
            host.touch(path, mode);
        } else if (before.mode() != mode) {
            changed = true;
            if (!ctx.checkMode()) {
                host.chmod(path, mode);
            }
        }
        try {
            changed |= owner.apply(host, path, ctx.checkMode() ? before : host.stat(path, false), diff, ctx.checkMode());
            int was = before.exists() ? before.mode() : FileWrite.NEW_FILE;
            if (modeSpec != null && was != mode) {
                diff.change("mode", FileMode.format(was), FileMode.format(mode));
            }
            changed |= FileAttributes.apply(ctx, host, path, attributes, diff);
            // as Ansible: the times before (of the file just created, for a new one), and after
            changed |= times.apply(ctx, host, path, diff);
        } catch (ModuleException e) {
            if (!before.exists()) {
                host.remove(path); // as Ansible's execute_touch: a file it just made goes when the rest fails
            }
            throw e;
        }
        // as Ansible's execute_touch: the file named as dest (no path key)
        Result r = described(Result.changed(changed), "dest", before.exists() ? before.state() : "file", mode);
        return diff.attach(r);
    }

    Result file() throws ModuleException, InterruptedException {
        if (!before.exists()) {
            return Result.failed("file (" + path + ") is absent, cannot continue")
                    .with("path", path).with("state", "absent");
        }
        if (before.isDirectory()) {
            // as Ansible's file: state file is for a path that is a file, and the result describes what is there
            return described(Result.failed("file (" + path + ") is directory, cannot continue"), "directory",
                    before.mode() & 07777);
        }
        FileDiff diff = new FileDiff(path, "file", before.linkState());
        int mode = mode(before.mode(), before.isDirectory());
        boolean changed = owner.apply(host, path, before, diff, ctx.checkMode());
        if (modeSpec != null && before.mode() != mode) {
            changed = true;
            diff.change("mode", before.modeText(), FileMode.format(mode));
            if (!ctx.checkMode()) {
                host.chmod(path, mode);
            }
        }
        changed |= FileAttributes.apply(ctx, host, path, attributes, diff);
        changed |= times.apply(ctx, host, path, diff);
        return diff.attach(described(Result.changed(changed), before.state(), mode));
    }

    /** Ansible's keys: path, state, mode, and the owner as it is after the change (or before, in check mode). */
    private Result described(Result r, String state, int mode) throws ModuleException {
        return described(r, "path", state, mode);
    }

    /** The result with the file's state, mode and owner; {@code named}: the key that holds its path. */
    private Result described(Result r, String named, String state, int mode) throws ModuleException {
        Result out = r.with(named, path).with("state", state).with("mode", FileMode.format(mode));
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
