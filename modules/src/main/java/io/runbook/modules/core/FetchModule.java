package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code fetch}: copies a file of the host to the controller, into {@code dest/HOST/PATH} (or exactly
 * {@code dest} with {@code flat}), only when it differs, as Ansible's {@code fetch}: its messages for a missing file
 * and a folder ({@code fail_on_missing} false: not failed, "ignored"); in check mode a prediction from the host file's
 * checksum (Ansible's fetch skips itself).
 */
public final class FetchModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("src").required().description("the file on the host"))
            .arg(Arg.str("dest").required().description("a controller folder (the file lands in dest/HOST/SRC), or with flat the file itself"))
            .arg(Arg.bool("flat").defaultValue(false).description("dest is the file (a dest ending in / gets src's name)"))
            .arg(Arg.bool("fail_on_missing").defaultValue(true).description("fail when src does not exist"))
            .arg(Arg.bool("validate_checksum").defaultValue(true).description("accepted for compatibility: the copy is always the bytes read (SSH checks their integrity)"))
            .build();

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Copy a file of the host to the controller (dest/HOST/PATH, or flat)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String given = args.string("src");
        String src = host.resolveForAction(given, ctx.workDir());
        boolean failOnMissing = args.bool("fail_on_missing");
        FileInfo info = host.stat(src, true);
        if (!info.exists()) {
            // a folder on the way the (become) user may not enter looks missing to stat: slurp's reason, as Ansible's
            String why = SlurpModule.whyUnreadable(host, src, "file not found: " + src);
            String msg = why.startsWith("file not found: ") ? "the remote file does not exist, not transferring, ignored" : why;
            return failOnMissing ? Result.failed(msg)
                    : Result.ok().withMsg(msg.endsWith("ignored") ? msg : msg + ", ignored").with("file", src);
        }
        if (info.isDirectory()) {
            String msg = "remote file is a directory, fetch cannot work on directories";
            return failOnMissing ? Result.failed(msg) : Result.ok().withMsg(msg + ", not transferring, ignored");
        }
        Path dest = destination(ctx, args, given.startsWith("~") ? src : given);
        if (ctx.checkMode()) {
            // a prediction, where Ansible's fetch action skips itself ("check mode not (yet) supported for this
            // module"): a rehearsal shows which hosts' files a real run would fetch, from the host file's checksum
            String remote = StatModule.checksum(host, src, "sha1");
            String before = localSha1(dest);
            return remote.equals(before) ? unchanged(dest, src, before)
                    : Result.changed().with("dest", dest.toString()).with("checksum", before).with("remote_checksum", remote);
        }
        return download(host, src, dest);
    }

    /**
     * Where the file lands, as Ansible's fetch action: dest (relative to the playbook's folder) then the host's name and
     * src as written (~ expanded), normalized, so a relative src with .. stays below dest's host folder or dest; with
     * flat, dest itself, or src's name in dest when dest ends with /.
     */
    private static Path destination(ModuleContext ctx, Args args, String src) throws ModuleException {
        String raw = args.string("dest");
        Path dest = ctx.workDir().resolve(io.runbook.engine.vars.HomeDir.expand(raw,
                io.runbook.engine.vars.HomeDir.of(ctx.runEnvironment()))).normalize();
        if (args.bool("flat")) {
            if (raw.endsWith("/")) {
                return dest.resolve(src.substring(src.lastIndexOf('/') + 1));
            }
            if (Files.isDirectory(dest)) {
                throw new ModuleException("dest is an existing directory, use a trailing slash if you want to fetch src into that directory");
            }
            return dest;
        }
        return Path.of(dest + "/" + ctx.host() + "/" + src).normalize();
    }

    private static Result download(HostConnection host, String src, Path dest) throws ModuleException {
        try {
            Files.createDirectories(dest.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(dest.toAbsolutePath().getParent(), "." + dest.getFileName() + ".", ".tmp");
            try {
                MessageDigest digest = FileContent.digest();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest)) {
                    host.read(src, out);
                }
                String remote = HexFormat.of().formatHex(digest.digest());
                String before = localSha1(dest);
                if (remote.equals(before)) {
                    // Ansible's shape for an unchanged copy: no remote checksums
                    return unchanged(dest, src, before);
                }
                move(tmp, dest);
                return Result.changed().with("md5sum", md5(dest)).with("dest", dest.toString()).with("remote_md5sum", null)
                        .with("checksum", remote).with("remote_checksum", remote);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModuleException("cannot write " + dest + " on the controller: " + e.getMessage(), e);
        }
    }

    private static void move(Path tmp, Path dest) throws IOException {
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Ansible's shape for a copy the controller already has: no remote checksums. */
    private static Result unchanged(Path dest, String src, String checksum) throws ModuleException {
        return Result.ok().with("md5sum", md5(dest)).with("file", src).with("dest", dest.toString()).with("checksum", checksum);
    }

    /** The md5 of the controller's copy, which Ansible's fetch returns too (for backwards compatibility). */
    private static String md5(Path file) throws ModuleException {
        try {
            return Checksum.md5(FileContent.of(file));
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + " on the controller: " + e.getMessage(), e);
        }
    }

    private static String localSha1(Path file) throws ModuleException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return FileContent.of(file).sha1();
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + " on the controller: " + e.getMessage(), e);
        }
    }
}
