package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code copy} with {@code remote_src} of a folder on the host, as Ansible's copy module does it: a new folder is a
 * copy of the whole tree ({@code shutil.copytree}: modes kept, links kept as links unless {@code local_follow}); into
 * an existing folder only what differs is written ({@code filecmp.dircmp}: files whose content differs, what dest
 * lacks, then the folders both have, recursively), files with the source's mode. {@code src/} copies the contents,
 * {@code src} the folder itself. {@code local_follow} unset is Ansible's None: links are kept in a new tree and left
 * out elsewhere. {@code owner}/{@code group} are given to everything under dest.
 */
final class HostFolderCopy {
    private final ModuleContext ctx;
    private final HostConnection host;
    private final Boolean localFollow;
    private boolean changed;

    HostFolderCopy(ModuleContext ctx, HostConnection host) {
        this.ctx = ctx;
        this.host = host;
        this.localFollow = ctx.args().has("local_follow") ? ctx.args().bool("local_follow") : null;
    }

    Result copy(String src, boolean contentsOnly, String dest, boolean destSlash) throws ModuleException {
        String from = src.replaceAll("/+$", "");
        String into = dest.replaceAll("/+$", "");
        if (destSlash && !host.stat(into, true).exists()) {
            // Ansible creates a dest ending in / first; in check mode it stops there, changed
            if (ctx.checkMode()) {
                return Result.changed(true).with("src", src).withMsg("dest directory " + into + " would be created");
            }
            Folders.create(host, into, ctx.args().has("directory_mode") ? folderMode() : 0755);
            changed = true;
        }
        FileInfo destInfo = host.stat(into, true);
        String target;
        if (contentsOnly && destInfo.isDirectory()) {
            target = into;
            sync(from, into);
        } else if (contentsOnly) {
            target = into;
            if (!ctx.checkMode()) {
                tree(from, into, localFollow == null || !localFollow);
            }
            changed = true;
        } else {
            target = (destInfo.isDirectory() ? into : into) + "/" + from.substring(from.lastIndexOf('/') + 1);
            if (!destInfo.exists() && !host.stat(FilePlacement.parent(into), true).isDirectory()) {
                throw new ModuleException("Destination directory " + FilePlacement.parent(into) + " does not exist");
            }
            if (!host.stat(target, true).exists()) {
                if (!ctx.checkMode()) {
                    if (destInfo.isDirectory()) {
                        tree(from, target, localFollow == null || !localFollow);
                    } else {
                        Folders.create(host, target, 0755);
                        sync(from, target);
                    }
                }
                changed = true;
            } else {
                sync(from, target);
            }
        }
        Result result = Result.changed(changed).with("dest", dest).with("src", src);
        if (ctx.args().has("owner") || ctx.args().has("group")) {
            result = ownAll(result, target);
        }
        return result;
    }

    /** copy_diff_files, copy_left_only and copy_common_dirs of Ansible's copy module. */
    private void sync(String from, String to) throws ModuleException {
        Set<String> theirs = names(to);
        for (String name : names(from)) {
            String s = from + "/" + name;
            String d = to + "/" + name;
            FileInfo link = host.stat(s, false);
            FileInfo followed = link.type() == FileInfo.Type.LINK ? host.stat(s, true) : link;
            if (!theirs.contains(name)) {
                leftOnly(s, d, link, followed);
                continue;
            }
            FileInfo there = host.stat(d, true);
            if (followed.isDirectory() && there.isDirectory()) {
                sync(s, d);
            } else if (followed.isFile() && there.isFile() && !Arrays.equals(bytes(s), bytes(d))) {
                changed = true;
                if (ctx.checkMode()) {
                    continue;
                }
                if (link.type() == FileInfo.Type.LINK && Boolean.FALSE.equals(localFollow)) {
                    host.symlink(link.linkTarget(), d);
                } else {
                    host.write(d, bytes(s), followed.mode() & 07777);
                }
            }
        }
    }

    private void leftOnly(String s, String d, FileInfo link, FileInfo followed) throws ModuleException {
        changed = true;
        if (ctx.checkMode()) {
            return;
        }
        boolean isLink = link.type() == FileInfo.Type.LINK;
        if (isLink && Boolean.FALSE.equals(localFollow) && (followed.isDirectory() || followed.isFile())) {
            host.symlink(link.linkTarget(), d);
        } else if (isLink && Boolean.TRUE.equals(localFollow) && followed.isDirectory()) {
            tree(s, d, false);
        } else if (isLink && Boolean.TRUE.equals(localFollow) && followed.isFile()) {
            // shutil.copyfile: the content, a new file's usual mode
            host.write(d, bytes(s), FileWrite.NEW_FILE);
        } else if (!isLink && followed.isFile()) {
            host.write(d, bytes(s), followed.mode() & 07777);
        } else if (!isLink && followed.isDirectory()) {
            tree(s, d, localFollow == null || !localFollow);
        }
    }

    /** shutil.copytree: folders and files with their modes; links as links when {@code symlinks}. */
    private void tree(String from, String to, boolean symlinks) throws ModuleException {
        host.mkdir(to, host.stat(from, true).mode() & 07777);
        for (String name : names(from)) {
            String s = from + "/" + name;
            String d = to + "/" + name;
            FileInfo link = host.stat(s, false);
            if (link.type() == FileInfo.Type.LINK && symlinks) {
                host.symlink(link.linkTarget(), d);
                continue;
            }
            FileInfo followed = link.type() == FileInfo.Type.LINK ? host.stat(s, true) : link;
            if (followed.isDirectory()) {
                tree(s, d, symlinks);
            } else if (followed.isFile()) {
                host.write(d, bytes(s), followed.mode() & 07777);
            }
        }
    }

    /** Gives owner and group to dest and everything in it (Ansible's chown_recursive); changed when any differed. */
    private Result ownAll(Result result, String top) throws ModuleException {
        Result r = CopyModule.owned(ctx, host, result, top);
        FileInfo info = host.stat(top, false);
        if (info.isDirectory()) {
            for (String name : names(top)) {
                r = ownAll(r, top + "/" + name);
            }
        }
        return r;
    }

    private Set<String> names(String folder) throws ModuleException {
        Set<String> out = new LinkedHashSet<>();
        List<String> paths = host.list(folder);
        for (String p : paths) {
            out.add(p.substring(p.lastIndexOf('/') + 1));
        }
        return out;
    }

    private byte[] bytes(String path) throws ModuleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        host.read(path, out);
        return out.toByteArray();
    }

    private int folderMode() throws ModuleException {
        try {
            return FileMode.apply(FileMode.spec(ctx.args(), "directory_mode"), 0755, true);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }
}
