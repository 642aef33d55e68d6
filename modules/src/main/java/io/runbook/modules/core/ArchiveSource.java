package io.runbook.modules.core;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.HostConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where {@code unarchive}'s archive is on the host: a file there ({@code remote_src}), a URL the host downloads, or
 * a controller file (found along the task's search path as copy's src, opened when vault-encrypted) sent to a private
 * temporary folder as Ansible's action plugin sends it ({@code ~/.ansible/tmp/ansible-tmp-…/source}), which
 * {@link #close} removes.
 */
final class ArchiveSource implements AutoCloseable {
    private final ModuleContext ctx;
    private final HostConnection host;
    private final String given;
    private final Path controllerFile;
    private String tmp;

    private ArchiveSource(ModuleContext ctx, HostConnection host, String given, Path controllerFile) {
        this.ctx = ctx;
        this.host = host;
        this.given = given;
        this.controllerFile = controllerFile;
    }

    /** The source the task names; a controller file must exist (Ansible's "Could not find or access" otherwise). */
    static ArchiveSource of(ModuleContext ctx, HostConnection host, boolean remote) {
        String src = ctx.args().string("src");
        return new ArchiveSource(ctx, host, src, remote ? null : ctx.controllerFile("files", src));
    }

    /** The archive's path on the host, sent or downloaded there first when it is not there yet. */
    String onHost() throws ModuleException, InterruptedException {
        if (controllerFile != null) {
            FileContent content = ControllerFiles.content(controllerFile, ctx.args().bool("decrypt"));
            String path = tmpFolder() + "/source";
            try (InputStream in = content.open()) {
                host.write(path, in, 0700);  // as Ansible's _fixup_perms2 leaves it (unzip notes an executable so)
            } catch (IOException e) {
                throw new ModuleException("cannot read " + controllerFile + ": " + e.getMessage(), e);
            }
            return path;
        }
        if (!given.contains("://")) {
            return host.resolve(given, ctx.workDir());
        }
        return downloaded(Download.url(given));
    }

    /** As Ansible's fetch_file: the URL downloaded (from the host's side) into the temporary folder on the host. */
    private String downloaded(URI url) throws ModuleException, InterruptedException {
        Path file;
        try {
            file = Files.createTempFile("runbook-unarchive", ".part");
        } catch (IOException e) {
            throw new ModuleException("cannot make a temporary file on the controller: " + e.getMessage(), e);
        }
        try {
            new Download(ctx.args(), host, ctx).fetch(url, file);
            String path = tmpFolder() + "/" + Download.fileName(url);
            try (InputStream in = Files.newInputStream(file)) {
                host.write(path, in, 0600);
            }
            return path;
        } catch (IOException e) {
            throw new ModuleException("cannot read the download of " + url + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private String tmpFolder() throws ModuleException {
        if (tmp == null) {
            String base = host.resolve("~/.ansible/tmp", ctx.workDir());
            Folders.create(host, base, 0700);
            long now = System.currentTimeMillis();
            String name = String.format("ansible-tmp-%d.%03d-%d-%d", now / 1000, now % 1000, ProcessHandle.current().pid(),
                    ThreadLocalRandom.current().nextLong(1L << 40, 1L << 47));
            host.mkdir(base + "/" + name, 0700);
            tmp = base + "/" + name;
        }
        return tmp;
    }

    @Override
    public void close() throws ModuleException {
        if (tmp != null) {
            host.remove(tmp);
        }
    }
}
