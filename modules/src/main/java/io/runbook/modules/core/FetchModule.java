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
 * {@code dest} with {@code flat}), only when it differs, as Ansible's {@code fetch}.
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
        String src = host.resolve(args.string("src"), ctx.workDir());
        FileInfo info = host.stat(src, true);
        if (!info.exists()) {
            String msg = "the remote file does not exist, not transferring, ignored";
            if (args.bool("fail_on_missing")) {
                throw new ModuleException("the remote file " + src + " does not exist on " + host.describe());
            }
            return Result.ok().withMsg(msg).with("file", src);
        }
        if (info.isDirectory()) {
            throw new ModuleException("remote file " + src + " is a directory, fetch cannot work on directories");
        }
        Path dest = destination(ctx, args, src);
        if (ctx.checkMode()) {
            String remote = StatModule.checksum(host, src, "sha1");
            return result(!remote.equals(localSha1(dest)), dest, remote, localSha1(dest));
        }
        return download(host, src, dest);
    }

    private static Path destination(ModuleContext ctx, Args args, String src) {
        String raw = args.string("dest");
        String home = System.getProperty("user.home");
        String expanded = raw.equals("~") ? home : raw.startsWith("~/") ? home + raw.substring(1) : raw;
        Path dest = ctx.workDir().resolve(expanded).normalize();
        if (args.bool("flat")) {
            return raw.endsWith("/") ? dest.resolve(src.substring(src.lastIndexOf('/') + 1)) : dest;
        }
        return dest.resolve(ctx.host()).resolve(src.replaceFirst("^/+", ""));
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
                    return result(false, dest, remote, before).with("file", src);
                }
                move(tmp, dest);
                return result(true, dest, remote, remote);
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

    private static Result result(boolean changed, Path dest, String remote, String local) {
        return Result.changed(changed).with("dest", dest.toString()).with("checksum", local)
                .with("remote_checksum", remote).with("remote_md5sum", null);
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
