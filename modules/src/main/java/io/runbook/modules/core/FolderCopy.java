package io.runbook.modules.core;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.HostConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code copy} of a controller folder: {@code src/} copies its contents into dest, {@code src} copies the folder
 * itself into dest; folders are created with {@code directory_mode} (default 0755), files as one-file copies. As in
 * Ansible, what is registered is dest, src and changed, or, when the folder holds one file, that file's copy result.
 */
final class FolderCopy {
    private final ModuleContext ctx;
    private final HostConnection host;

    FolderCopy(ModuleContext ctx, HostConnection host) {
        this.ctx = ctx;
        this.host = host;
    }

    Result copy(Path src, boolean contentsOnly, String dest) throws ModuleException {
        String root = contentsOnly ? dest.replaceAll("/+$", "") : dest.replaceAll("/+$", "") + "/" + src.getFileName();
        int dirMode = ctx.args().has("directory_mode") ? mode(FileMode.spec(ctx.args(), "directory_mode")) : 0755;
        Result result = Result.ok();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(src)) {
            entries = walk.sorted().toList();
        } catch (IOException e) {
            throw new ModuleException("cannot read folder " + src + ": " + e.getMessage(), e);
        }
        long files = entries.stream().filter(Files::isRegularFile).count();
        Result single = null;
        for (Path entry : entries) {
            String relative = src.relativize(entry).toString();
            String target = relative.isEmpty() ? root : root + "/" + relative;
            if (Files.isDirectory(entry)) {
                result = folder(result, target, dirMode);
            } else if (Files.isRegularFile(entry)) {
                Result one = CopyModule.copyFile(ctx, host, ControllerFiles.content(entry, ctx.args().bool("decrypt")), target, entry);
                result = merge(result, one);
                single = files == 1 ? one : null;
            }
        }
        if (single != null) {
            // as Ansible's copy: a folder holding one file registers that file's copy (its dest, checksum, diff)
            return result.withAll(single.data());
        }
        return result.with("dest", root + "/").with("src", src + (contentsOnly ? "/" : ""));
    }

    private Result folder(Result result, String target, int mode) throws ModuleException {
        List<String> missing = Folders.missing(host, target);
        if (missing.isEmpty()) {
            return result;
        }
        if (!ctx.checkMode()) {
            for (String dir : missing) {
                host.mkdir(dir, mode);
            }
        }
        Result changed = result.withChanged(true);
        return ctx.diffMode() ? changed.withDiff(new Diff(target, "state: absent\n", "state: directory\n")) : changed;
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
