package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.util.List;
import java.util.Map;

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
    private FileOwner owner = FileOwner.NONE;
    private FileTimes times = FileTimes.PRESERVE;
    private String attributes;

    LinkChanges(ModuleContext ctx, HostConnection host, String path, boolean force, boolean follow, String modeSpec) {
        this.ctx = ctx;
        this.host = host;
        this.path = path;
        this.force = force;
        this.follow = follow;
        this.modeSpec = modeSpec;
    }

    /** The owner, group, lsattr attributes and times to give what the link names (or the link itself, not followed). */
    LinkChanges also(FileOwner owner, FileTimes times, String attributes) {
        this.owner = owner;
        this.times = times;
        this.attributes = attributes;
        return this;
    }

    private Result refused(String msg) throws ModuleException {
        return PathFacts.add(Result.failed(msg).with("path", path), host, path);
    }

    Result symlink(String givenSrc) throws ModuleException, InterruptedException {
        FileInfo before = host.statInode(path, false);
        String prev = before.linkState();
        String src = givenSrc;
        if (src == null && follow && before.linkTarget() != null && host.stat(path, true).exists()) {
            src = before.linkTarget();
        }
        String base = before.isDirectory() ? path : FilePlacement.parent(path);
        String absolute = src == null ? null : src.startsWith("/") ? src : base.replaceAll("/+$", "") + "/" + src;
        // as Ansible's: its refusals name the path (described, when something is there) and a missing src as given
        if (!force && src != null && !host.stat(absolute, true).exists()) {
            return refused("src file does not exist, use \"force=yes\" if you really want to create the link: " + absolute)
                    .with("src", src);
        }
        if (prev.equals("directory")) {
            if (!force) {
                return refused("refusing to convert from directory to symlink for " + path);
            } else if (!host.list(path).isEmpty()) {
                return refused("the directory " + path + " is not empty, refusing to convert it");
            }
        } else if ((prev.equals("file") || prev.equals("hard")) && !force) {
            return refused("refusing to convert from " + prev + " to symlink for " + path);
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

    Result hardlink(String givenSrc) throws ModuleException, InterruptedException {
        FileInfo before = host.statInode(path, false);
        String prev = before.linkState();
        if (!prev.equals("hard") && givenSrc == null) {
            throw new ModuleException("src is required for creating new hardlinks");
        }
        String src = givenSrc == null ? null : host.resolve(givenSrc, ctx.workDir());
        FileInfo source = src == null ? null : host.statInode(src, true);
        if (source != null && !source.exists()) {
            // as Ansible's: the failure names dest and src (as given) and describes what is at dest
            return PathFacts.add(Result.failed("src does not exist").with("dest", path).with("src", givenSrc), host, path);
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
            case "hard" -> source != null && !before.inode().sameFile(source.inode());
            case "file" -> true;
            case "directory" -> !before.inode().sameFile(source.inode());
            default -> throw new ModuleException(path + " is a special file (device, socket or pipe): not replaced by a link");
        };
        if (changed && !force && !prev.equals("absent") && !prev.equals("link")) {
            // Ansible's refusals, word for word (its 'directory' one with a colon), naming dest and src (as given)
            // and describing what is at dest
            String msg = switch (prev) {
                case "hard" -> "Cannot link, different hard link exists at destination";
                case "file" -> "Cannot link, file exists at destination";
                default -> "Cannot link: different hard link exists at destination";
            };
            return PathFacts.add(Result.failed(msg).with("dest", path).with("src", givenSrc), host, path);
        }
        if (changed && prev.equals("directory")) {
            throw new ModuleException("Cannot link: " + path + " is a folder");
        }
        if (changed && !ctx.checkMode()) {
            host.hardlink(src, path);
        }
        return finish(Result.changed(changed), givenSrc, diff, false);
    }

    /**
     * As Ansible's ensure_symlink/ensure_hardlink end: owner, group, mode, attributes and times of what the link names
     * when followed (none, with a warning, when that does not exist), else of the link itself; then Ansible's keys:
     * dest, src, diff and what is at the path now.
     */
    private Result finish(Result r, String src, FileDiff diff, boolean symbolic) throws ModuleException, InterruptedException {
        boolean there = host.stat(path, true).exists();
        if (ctx.checkMode() && !there) {
            return withDiff(r.with("dest", path).with("src", src), diff);
        }
        FileInfo own = host.stat(path, false);
        boolean link = symbolic && own.linkTarget() != null;
        Result out = r;
        if (follow && link && !there) {
            ctx.warn("Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this.");
        } else {
            String target = follow && link ? realPath() : path;
            boolean changed = owner.apply(host, target, host.stat(target, false), diff, ctx.checkMode());
            changed |= mode(target, diff, !follow && link);
            changed |= FileAttributes.apply(ctx, host, target, attributes, diff);
            changed |= times.apply(ctx, host, target, diff);
            out = changed ? r.withChanged(true) : r;
        }
        return withDiff(PathFacts.add(out.with("dest", path).with("src", src), host, path), diff);
    }

    private String realPath() throws ModuleException, InterruptedException {
        Execution done = host.run(new CommandLine(List.of("readlink", "-f", "--", path), null, null, Map.of()));
        if (done.rc() != 0) {
            throw new ModuleException("cannot resolve " + path + ": " + done.stderr().strip());
        }
        return done.stdout().strip();
    }

    /**
     * The mode asked for. A link's own mode cannot be set on Linux: as Ansible's (which tries and puts the target's
     * back), it counts as a change only in check mode, and the target is left as it was.
     */
    private boolean mode(String target, FileDiff diff, boolean linkItself) throws ModuleException {
        if (modeSpec == null) {
            return false;
        }
        FileInfo now = host.stat(target, false);
        if (!now.exists()) {
            return false;
        }
        int current = linkItself ? 0777 : now.mode();
        int wanted;
        try {
            wanted = FileMode.apply(modeSpec, current, !linkItself && now.isDirectory());
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
        if (wanted == current) {
            return false;
        }
        diff.change("mode", FileMode.format(current), FileMode.format(wanted));
        if (linkItself) {
            return ctx.checkMode();
        }
        if (!ctx.checkMode()) {
            host.chmod(target, wanted);
        }
        return true;
    }

    private Result withDiff(Result r, FileDiff diff) {
        return diff.attach(r);
    }
}
