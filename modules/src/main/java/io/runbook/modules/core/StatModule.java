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
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stat}: what is at a path on the host, in Ansible's {@code stat} result shape (the inode side, access, blocks,
 * lsattr attributes, mime type and checksum too). Read-only.
 */
public final class StatModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("path").required().aliases("dest", "name").description("the path on the host"))
            .arg(Arg.bool("follow").defaultValue(false).description("describe what a link points to instead of the link"))
            .arg(Arg.bool("get_checksum").defaultValue(true).description("checksum a regular file's content"))
            .arg(Arg.str("checksum_algorithm").defaultValue("sha1").aliases("checksum", "checksum_algo")
                    .choices("md5", "sha1", "sha224", "sha256", "sha384", "sha512").description("the checksum's algorithm"))
            .arg(Arg.bool("get_mime").defaultValue(true).description("report mimetype and charset, as the host's 'file' command tells them"))
            .arg(Arg.bool("get_attributes").defaultValue(true).description("report version, attr_flags and attributes as the host's 'lsattr -vd' tells them"))
            .build();

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Describe a path on the host: exists, type, mode, owner, size, times, checksum";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String path = host.resolve(args.string("path"), ctx.workDir());
        FileInfo info = host.statInode(path, args.bool("follow"), args.bool("get_attributes"));
        if (!info.exists()) {
            return Result.ok().with("stat", Map.of("exists", false));
        }
        Map<String, Object> stat = describe(info);
        stat.putAll(StatBlocks.of(host, path, args.bool("follow"), args.bool("get_attributes"), info.inode()));
        if (info.isFile() && args.bool("get_checksum")) {
            stat.put("checksum", checksum(host, path, args.string("checksum_algorithm")));
        }
        if (args.bool("get_mime")) {
            stat.putAll(MimeType.of(host, path));
        }
        return Result.ok().with("stat", stat);
    }

    private static Map<String, Object> describe(FileInfo info) {
        Map<String, Object> s = new LinkedHashMap<>();
        int mode = info.mode();
        s.put("exists", true);
        s.put("path", info.path());
        s.put("mode", info.modeText());
        s.put("isdir", info.isDirectory());
        s.put("isreg", info.isFile());
        s.put("islnk", info.type() == FileInfo.Type.LINK);
        s.put("size", info.size());
        s.put("uid", info.uid());
        s.put("gid", info.gid());
        if (info.owner() != null) {
            s.put("pw_name", info.owner());
        }
        if (info.group() != null) {
            s.put("gr_name", info.group());
        }
        s.put("mtime", info.mtime());
        s.put("atime", info.atime());
        String[] bits = {"xoth", "woth", "roth", "xgrp", "wgrp", "rgrp", "xusr", "wusr", "rusr"};
        for (int i = bits.length - 1; i >= 0; i--) {
            s.put(bits[i], (mode & (1 << i)) != 0);
        }
        s.put("isuid", (mode & 04000) != 0);
        s.put("isgid", (mode & 02000) != 0);
        FileInfo.Inode inode = info.inode();
        s.put("ctime", inode.ctime());
        s.put("dev", inode.dev());
        s.put("inode", inode.number());
        s.put("nlink", inode.links());
        s.put("device_type", inode.rdev());
        s.put("isblk", inode.fileType() == 0060000);
        s.put("ischr", inode.fileType() == 0020000);
        s.put("isfifo", inode.fileType() == 0010000);
        s.put("issock", inode.fileType() == 0140000);
        s.put("readable", inode.readable());
        s.put("writeable", inode.writeable());
        s.put("executable", inode.executable());
        if (info.linkTarget() != null) {
            s.put("lnk_target", info.linkTarget());
            s.put("lnk_source", linkSource(info.path(), info.linkTarget()));
        }
        return s;
    }

    private static String linkSource(String path, String target) {
        String base = target.startsWith("/") ? target : FilePlacement.parent(path) + "/" + target;
        return java.nio.file.Path.of(base).normalize().toString();
    }

    static String checksum(HostConnection host, String path, String algorithm) throws ModuleException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(switch (algorithm) {
                case "md5" -> "MD5";
                case "sha1" -> "SHA-1";
                default -> "SHA-" + algorithm.substring(3);
            });
        } catch (NoSuchAlgorithmException e) {
            throw new ModuleException("checksum algorithm " + algorithm + " is not available in this JVM");
        }
        host.read(path, new DigestOutputStream(java.io.OutputStream.nullOutputStream(), digest));
        return HexFormat.of().formatHex(digest.digest());
    }
}
