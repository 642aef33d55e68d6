package io.runbook.modules.core;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code copy} of a controller folder: {@code src/} copies its contents into dest, {@code src} copies the folder
 * itself into dest; folders are created with {@code directory_mode} (default 0755), files as one-file copies. The
 * folder is walked as Ansible's copy action walks it ({@code _walk_dirs}): with {@code local_follow} a link to a file
 * is copied as the file and a link to a folder as the folder, except a link to a folder being copied (a circle),
 * which stays a link, as does a link that leads nowhere; without it every link is copied as a link. As in Ansible,
 * what is registered is dest, src and changed, or, when the folder holds one file, that file's copy result.
 */
final class FolderCopy {
    private final ModuleContext ctx;
    private final HostConnection host;
    private final List<Path> fileSources = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<String> folders = new ArrayList<>();
    private final List<String[]> links = new ArrayList<>();

    FolderCopy(ModuleContext ctx, HostConnection host) {
        this.ctx = ctx;
        this.host = host;
    }

    Result copy(Path src, boolean contentsOnly, String dest, boolean localFollow) throws ModuleException, InterruptedException {
        String root = contentsOnly ? dest.replaceAll("/+$", "") : dest.replaceAll("/+$", "") + "/" + src.getFileName();
        int dirMode = ctx.args().has("directory_mode") ? mode(FileMode.spec(ctx.args(), "directory_mode")) : 0755;
        try {
            Set<Object> ancestors = new HashSet<>();
            ancestors.add(Files.readAttributes(src, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
            walk(src, "", ancestors, localFollow);
        } catch (IOException e) {
            throw new ModuleException("cannot read folder " + src + ": " + e.getMessage(), e);
        }
        Result result = folder(Result.ok(), root, dirMode, false);
        Set<String> implicit = new HashSet<>();
        for (String f : files) {
            implicit.add(f.contains("/") ? f.substring(0, f.lastIndexOf('/')) : "");
        }
        for (String f : folders) {
            result = folder(result, root + "/" + f, dirMode, !implicit.contains(f) && ctx.args().has("directory_mode"));
        }
        Result single = null;
        for (int i = 0; i < files.size(); i++) {
            String target = root + "/" + files.get(i);
            Path entry = fileSources.get(i);
            result = folder(result, FilePlacement.parent(target), dirMode, false);
            Result one = CopyModule.copyFile(ctx, host, ControllerFiles.content(entry, ctx.args().bool("decrypt")), target, entry);
            if (one == null) {
                continue;  // force: false left an existing file alone
            }
            if (one.isFailed()) {
                return one;  // as Ansible's action plugin: the first file refused (checksum, validate) is the task's result
            }
            result = merge(result, one);
            single = files.size() == 1 ? one : null;
        }
        for (String[] link : links) {
            result = link(result, link[0], root + "/" + link[1]);
        }
        if (single != null && links.isEmpty()) {
            // as Ansible's copy: a folder holding one file registers that file's copy (its dest, checksum, diff)
            return result.withAll(single.data());
        }
        return result.with("dest", root + "/").with("src", src + (contentsOnly ? "/" : ""));
    }

    /** Ansible's {@code _walk_dirs}: the files (before the folders inside), folders and links under {@code dir}. */
    private void walk(Path dir, String relBase, Set<Object> ancestors, boolean localFollow) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        List<Path> subfolders = new ArrayList<>();
        for (Path child : children) {
            String rel = relBase.isEmpty() ? child.getFileName().toString() : relBase + "/" + child.getFileName();
            boolean link = Files.isSymbolicLink(child);
            if (Files.isDirectory(child)) {
                subfolders.add(child);
            } else if (link && !(localFollow && Files.isRegularFile(child))) {
                links.add(new String[] {Files.readSymbolicLink(child).toString(), rel});
            } else if (Files.isRegularFile(child)) {
                fileSources.add(child);
                files.add(rel);
            }
        }
        for (Path child : subfolders) {
            String rel = relBase.isEmpty() ? child.getFileName().toString() : relBase + "/" + child.getFileName();
            Object key = Files.readAttributes(child, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            if (Files.isSymbolicLink(child) && (!localFollow || ancestors.contains(key))) {
                links.add(new String[] {Files.readSymbolicLink(child).toString(), rel});
                continue;
            }
            folders.add(rel);
            Set<Object> inside = new HashSet<>(ancestors);
            inside.add(key);
            walk(child, rel, inside, localFollow);
        }
    }

    /**
     * Creates {@code target} and what is missing above it; with {@code setMode} an existing folder is given
     * {@code mode} too (Ansible's file module on the folders that hold no file).
     */
    private Result folder(Result result, String target, int mode, boolean setMode) throws ModuleException {
        List<String> missing = Folders.missing(host, target);
        if (missing.isEmpty()) {
            FileInfo info = host.stat(target, true);
            if (!setMode || (info.mode() & 07777) == mode) {
                return result;
            }
            if (!ctx.checkMode()) {
                host.chmod(target, mode);
            }
            return result.withChanged(true);
        }
        if (!ctx.checkMode()) {
            for (String dir : missing) {
                host.mkdir(dir, mode);
            }
        }
        Result changed = result.withChanged(true);
        return ctx.diffMode() ? changed.withDiff(new Diff(target, "state: absent\n", "state: directory\n")) : changed;
    }

    /** A link as the source has it (Ansible's file module with state: link and force). */
    private Result link(Result result, String linkTarget, String path) throws ModuleException {
        FileInfo now = host.stat(path, false);
        // a target's trailing / is not kept by every host (a local link to ../ reads back as ..)
        if (now.type() == FileInfo.Type.LINK && now.linkTarget() != null
                && trimmed(linkTarget).equals(trimmed(now.linkTarget()))) {
            return result;
        }
        if (!ctx.checkMode()) {
            host.symlink(linkTarget, path);
        }
        return result.withChanged(true);
    }

    private static String trimmed(String target) {
        String t = target.replaceAll("/+$", "");
        return t.isEmpty() ? "/" : t;
    }

    private static Result merge(Result into, Result one) {
        Result r = into.withChanged(into.isChanged() || one.isChanged());
        for (Diff d : one.diffs()) {
            r = r.withDiff(d);
        }
        return r;
    }

    private static int mode(String spec) throws ModuleException {
        try {
            return FileMode.apply(spec, 0755, true);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }
}
