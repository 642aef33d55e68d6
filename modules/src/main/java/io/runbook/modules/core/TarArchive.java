package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.vars.Shlex;
import io.runbook.modules.connection.Execution;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tar archives through the host's GNU tar, as Ansible's TgzArchive and its kin (one compression option each:
 * {@code -z}, none, {@code -j}, {@code -J}, zstd): the members from {@code tar --list}, whether dest holds them from
 * {@code tar --diff} (the differences the task would not set anyway), the extraction with {@code tar --extract}.
 */
final class TarArchive implements ArchiveHandler {
    private static final Pattern EMPTY_FILE = Pattern.compile(": : Warning: Cannot stat: No such file or directory$");
    private static final Pattern MISSING_FILE = Pattern.compile(": Warning: Cannot stat: No such file or directory$");
    private static final Pattern UID = Pattern.compile(": Uid differs$");
    private static final Pattern GID = Pattern.compile(": Gid differs$");
    private static final Pattern MODE = Pattern.compile(": Mode differs$");
    private static final Pattern MTIME = Pattern.compile(": Mod time differs$");
    private static final Pattern INVALID = Pattern.compile(": Invalid (owner|group)");

    private final ArchiveRun run;
    private final String name;
    private final String zipflag;
    private final List<String> excludes = new ArrayList<>();
    private String tar;
    private List<String> files;

    TarArchive(ArchiveRun run, String name, String zipflag) {
        this.run = run;
        this.name = name;
        this.zipflag = zipflag;
        run.excludes.forEach(e -> excludes.add(e.replaceAll("/+$", "")));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String refusal() throws ModuleException, InterruptedException {
        tar = run.bin("gtar");
        if (tar == null) {
            tar = run.bin("tar");
        }
        if (tar == null) {
            return "Unable to find required 'gtar' or 'tar' binary in the path";
        }
        String version = run.run(List.of(tar, "--version"), null, false).stdout();
        String type = version.startsWith("bsdtar") ? "bsd" : version.startsWith("tar") && version.contains("GNU") ? "gnu" : null;
        if (!"gnu".equals(type)) {
            return "Command \"" + tar + "\" detected as tar type " + (type == null ? "None" : type) + ". GNU tar required.";
        }
        try {
            if (!files().isEmpty()) {
                return null;
            }
        } catch (Unreadable e) {
            return "Command \"" + tar + "\" could not handle archive: " + e.getMessage();
        }
        return "Command \"" + tar + "\" found no files in archive. Empty archive files are not supported.";
    }

    @Override
    public List<String> files() throws ModuleException, InterruptedException {
        if (files != null && !files.isEmpty()) {
            return files;
        }
        List<String> cmd = command("--list", false);
        Execution listed = run.run(cmd, run.dest, true);
        if (listed.rc() != 0) {
            throw new Unreadable("Unable to list files in the archive: " + listed.stderr());
        }
        List<String> names = new ArrayList<>();
        for (String line : listed.stdout().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            // gtar writes some characters as escapes (octal for non-ASCII bytes); absolute names are made relative
            String member = unescape(line);
            names.add(member.startsWith("/") ? member.substring(1) : member);
        }
        files = ArchiveRun.filtered(names, excludes, List.of());
        return files;
    }

    @Override
    public Check check() throws ModuleException, InterruptedException {
        Execution diff = run.run(command("--diff", true), run.dest, true);
        boolean root = run.identity().uid() == 0;
        StringBuilder relevant = new StringBuilder();
        List<String> lines = new ArrayList<>(diff.stdout().lines().toList());
        lines.addAll(diff.stderr().lines().toList());
        for (String line : lines) {
            if (EMPTY_FILE.matcher(line).find()) {
                continue;  // empty names, as --strip-components gives them
            }
            // a difference the task sets afterwards anyway (owner, group, mode) is none, as in Ansible
            boolean counts = root && run.owner == null && UID.matcher(line).find()
                    || root && run.group == null && GID.matcher(line).find()
                    || run.mode == null && MODE.matcher(line).find()
                    || MTIME.matcher(line).find() || MISSING_FILE.matcher(line).find() || INVALID.matcher(line).find();
            if (counts) {
                relevant.append(line).append('\n');
            }
        }
        return new Check(relevant.length() == 0, null);
    }

    @Override
    public Map<String, Object> extract() throws ModuleException, InterruptedException {
        List<String> cmd = command("--extract", true);
        return ArchiveRun.reported(cmd, run.run(cmd, run.dest, true));
    }

    /** Ansible's tar command line for one operation; {@code attributes}: with the owner, group and keep_newer options. */
    private List<String> command(String operation, boolean attributes) {
        List<String> cmd = new ArrayList<>(List.of(tar, operation, "-C", run.dest));
        if (zipflag != null) {
            cmd.add(zipflag);
        }
        if (!run.opts.isEmpty()) {
            cmd.add("--show-transformed-names");
            cmd.addAll(run.opts);
        }
        if (attributes && run.owner != null) {
            cmd.add("--owner=" + Shlex.quote(run.owner));
        }
        if (attributes && run.group != null) {
            cmd.add("--group=" + Shlex.quote(run.group));
        }
        if (attributes && run.keepNewer) {
            cmd.add("--keep-newer-files");
        }
        excludes.forEach(e -> cmd.add("--exclude=" + e));
        cmd.add("-f");
        cmd.add(run.src);
        cmd.addAll(run.includes);
        return cmd;
    }

    /** Python's codecs.escape_decode of a line of gtar's listing, read as UTF-8. */
    static String unescape(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            if (c != '\\' || i + 1 >= bytes.length) {
                out.write(bytes[i]);
                continue;
            }
            char n = (char) bytes[++i];
            int simple = "\\'\"abfnrtv".indexOf(n);
            if (simple >= 0) {
                out.write("\\'\"\u0007\b\f\n\r\t\u000b".charAt(simple));
            } else if (n >= '0' && n <= '7') {
                int value = n - '0';
                for (int k = 0; k < 2 && i + 1 < bytes.length && bytes[i + 1] >= '0' && bytes[i + 1] <= '7'; k++) {
                    value = value * 8 + (bytes[++i] - '0');
                }
                out.write(value & 0xff);
            } else if (n == 'x' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else if (n != '\n') {
                out.write('\\');
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
