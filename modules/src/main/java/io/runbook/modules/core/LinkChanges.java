package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;

/**
 * {@code file} with {@code state: link} and {@code state: hard}, decided as Ansible's {@code ensure_symlink} and
 * {@code ensure_hardlink} decide (same refusals and messages, same {@code diff}), applied unless check mode. A
 * symbolic link's {@code src} is kept as given: relative, it is relative to the link's folder.
 */
final class LinkChanges {
    private final ModuleContext ctx;
    private final HostConnection host;
    private final String path;
    private final boolean force;
    private final boolean follow;
    private final String modeSpec;

    LinkChanges(ModuleContext ctx, HostConnection host, String path, boolean force, boolean follow, String modeSpec) {
        this.ctx = ctx;
        this.host = host;
        this.path = path;
        this.force = force;
        this.follow = follow;
        this.modeSpec = modeSpec;
    }

    Result symlink(String givenSrc) throws ModuleException {
        FileInfo before = host.statInode(path, false);
        String prev = before.linkState();
        String src = givenSrc;
        if (src == null && follow && before.linkTarget() != null && host.stat(path, true).exists()) {
            src = before.linkTarget();
        }
        String base = before.isDirectory() ? path : FilePlacement.parent(path);
        String absolute = src == null ? null : src.startsWith("/") ? src : base.replaceAll("/+$", "") + "/" + src;
        if (!force && src != null && !host.stat(absolute, true).exists()) {
            throw new ModuleException("src file does not exist, use \"force=yes\" if you really want to create the link: " + absolute);
        }
        if (prev.equals("directory")) {
            if (!force) {
                throw new ModuleException("refusing to convert from directory to symlink for " + path);
            } else if (!host.list(path).isEmpty()) {
                throw new ModuleException("the directory " + path + " is not empty, refusing to convert it");
            }
        } else if ((prev.equals("file") || prev.equals("hard")) && !force) {
            throw new ModuleException("refusing to convert from " + prev + " to symlink for " + path);
        } else if (prev.equals("other")) {
            throw new ModuleException(path + " is a special file (device, socket or pipe): not replaced by a link");
        }
        FileDiff diff = new FileDiff(path, "link", prev);
        boolean changed = false;
        if (!prev.equals("link")) {
            if (src == null) {
                throw new ModuleException("src is required for creating new symlinks");
            }
            changed = true;
        } else if (src != null && !before.linkTarget().equals(src)) {
            diff.change("src", before.linkTarget(), src);
            changed = true;
        }
        if (changed && !ctx.checkMode()) {
            if (prev.equals("directory")) {
                host.remove(path);
            }
            host.symlink(src, path);
        }
        return finish(Result.changed(changed), src, diff, true);
    }

    Result hardlink(String givenSrc) throws ModuleException {
        FileInfo before = host.statInode(path, false);
        String prev = before.linkState();
        if (!prev.equals("hard") && givenSrc == null) {
            throw new ModuleException("src is required for creating new hardlinks");
        }
        String src = givenSrc == null ? null : host.resolve(givenSrc, ctx.workDir());
        FileInfo source = src == null ? null : host.statInode(src, true);
        if (source != null && !source.exists()) {
            throw new ModuleException("src does not exist");
        }
        FileDiff diff = new FileDiff(path, "hard", prev);
        boolean changed = switch (prev) {
            case "absent" -> true;
            case "link" -> {
                boolean differs = !before.linkTarget().equals(givenSrc);
                if (differs) {
                    diff.change("src", before.linkTarget(), givenSrc);
                }
                yield differs;
            }
            case "hard" -> source != null && !before.inode().sameFile(source.inode()) && refuseUnlessForced("Cannot link, different hard link exists at destination");
            case "file" -> refuseUnlessForced("Cannot link, file exists at destination");
            case "directory" -> {
                if (before.inode().sameFile(source.inode())) {
                    yield false;
                }
                throw new ModuleException("Cannot link: " + path + " is a folder");
            }
            default -> throw new ModuleException(path + " is a special file (device, socket or pipe): not replaced by a link");
        };
        if (changed && !ctx.checkMode()) {
            host.hardlink(src, path);
        }
        return finish(Result.changed(changed), givenSrc, diff, false);
    }

    private boolean refuseUnlessForced(String message) throws ModuleException {
        if (!force) {
            throw new ModuleException(message);
        }
        return true;
    }

    /** The mode (when asked for), then Ansible's keys: dest, src, diff and what is at the path now. */
    private Result finish(Result r, String src, FileDiff diff, boolean symbolic) throws ModuleException {
        boolean there = host.stat(path, true).exists();
        if (ctx.checkMode() && !there) {
            return withDiff(r.with("dest", path).with("src", src), diff);
        }
        Result out = mode(r, diff, symbolic);
        return withDiff(PathFacts.add(out.with("dest", path).with("src", src), host, path), diff);
    }

    private Result mode(Result r, FileDiff diff, boolean symbolic) throws ModuleException {
        if (modeSpec == null) {
            return r;
        }
        // a link's own mode cannot be set on Linux: Ansible compares the link's 0777 and leaves the target as it was
        boolean linkItself = symbolic && !follow;
        FileInfo now = host.stat(path, !linkItself);
        if (!now.exists()) {
            return r;
        }
        int current = now.mode();
        int wanted;
        try {
            wanted = FileMode.apply(modeSpec, current, now.isDirectory());
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
        if (wanted == current) {
            return r;
        }
        diff.change("mode", FileMode.format(current), FileMode.format(wanted));
        if (!ctx.checkMode() && !linkItself) {
            host.chmod(path, wanted);
        }
        return r.withChanged(true);
    }

    private Result withDiff(Result r, FileDiff diff) {
        return diff.attach(r, ctx);
    }
}
