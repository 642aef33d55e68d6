package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.Fnmatch;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code find}: the files, folders or links under paths on the host that match names (globs or regexes), age, size
 * and content, as Ansible's find module walks them (os.walk, top down: a folder's files, then its folders, each in
 * name order here); each one described as Ansible's {@code statinfo}. Read-only.
 */
public final class FindModule implements Module {
    private static final Pattern AGE = Pattern.compile("^(-?\\d+)(s|m|h|d|w)?$");
    private static final Pattern SIZE = Pattern.compile("^(-?\\d+)(b|k|m|g|t)?$");
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.list("paths").required().aliases("name", "path").description("the folders to look in"))
            .arg(Arg.list("patterns").defaultValue(List.of()).aliases("pattern")
                    .description("names to match (shell globs, or Python regexes with use_regex; a comma-separated text is several); default all"))
            .arg(Arg.list("excludes").aliases("exclude").description("names to leave out, of those the patterns matched"))
            .arg(Arg.str("contains").description("a Python regex a file's line must match from its start (the whole file searched with read_whole_file); files only"))
            .arg(Arg.bool("read_whole_file").defaultValue(false).description("search contains in the whole file (so it can span lines)"))
            .arg(Arg.str("file_type").defaultValue("file").choices("any", "directory", "file", "link").description("what to report"))
            .arg(Arg.str("age").description("older than this (5d, 2w, 3600, 1h); a negative age: newer than"))
            .arg(Arg.str("age_stamp").defaultValue("mtime").choices("atime", "ctime", "mtime").description("the time age is measured on"))
            .arg(Arg.str("size").description("at least this large (10m, 1g, 512k, 100b); a negative size: at most; files only"))
            .arg(Arg.bool("recurse").defaultValue(false).description("look in the folders below too"))
            .arg(Arg.integer("depth").description("with recurse, how many levels down to look (1: the paths' own entries)"))
            .arg(Arg.bool("hidden").defaultValue(false).description("report names starting with a dot"))
            .arg(Arg.bool("follow").defaultValue(false).description("with recurse, walk into linked folders"))
            .arg(Arg.bool("get_checksum").defaultValue(false).description("add the SHA-1 checksum of each regular file"))
            .arg(Arg.bool("use_regex").defaultValue(false).description("patterns and excludes are Python regexes matched from the name's start"))
            .build();

    @Override
    public String name() {
        return "find";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Find files, folders or links on the host by name, age, size and content (read-only)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        Search search = new Search(ctx, args);
        Long age = amount(args.string("age"), AGE, Map.of("s", 1L, "m", 60L, "h", 3600L, "d", 86400L, "w", 604800L));
        if (args.string("age") != null && age == null) {
            return Result.failed("failed to process age").with("age", args.string("age"));
        }
        Long size = amount(args.string("size"), SIZE, Map.of("b", 1L, "k", 1024L, "m", 1024L * 1024, "g", 1024L * 1024 * 1024,
                "t", 1024L * 1024 * 1024 * 1024));
        if (args.string("size") != null && size == null) {
            return Result.failed("failed to process size").with("size", args.string("size"));
        }
        search.age = age;
        search.size = size;
        HostConnection host = HostConnections.of(ctx);
        for (String written : args.strings("paths")) {
            // an empty path (an unset variable's) is no folder to Ansible's find either: skipped with a warning
            String path = written.isEmpty() ? "" : host.resolve(written, ctx.workDir());
            try {
                if (path.isEmpty() || !host.stat(path, true).isDirectory()) {
                    throw new ModuleException("'" + path + "' is not a directory");
                }
                search.walk(host, path, path);
            } catch (ModuleException e) {
                search.skipped.put(path, e.getMessage());
                ctx.warn("Skipped '" + path + "' path due to this access issue: " + e.getMessage());
            }
        }
        return Result.ok()
                .withMsg(search.skipped.isEmpty() ? "All paths examined" : "Not all paths examined, check warnings for details")
                .with("files", search.found).with("matched", search.found.size()).with("examined", search.examined)
                .with("skipped_paths", search.skipped);
    }

    /** {@code 5d}, {@code -2w}, {@code 100}: the number times its unit; null when the text is no such amount. */
    private static Long amount(String text, Pattern form, Map<String, Long> units) {
        if (text == null) {
            return null;
        }
        Matcher m = form.matcher(text.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        return Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : units.get(m.group(2)));
    }

    /** One run's walk: its criteria, what it found, examined and skipped. */
    private static final class Search {
        private final ModuleContext ctx;
        private final List<String> patterns;
        private final List<String> excludes;
        private final boolean regex;
        private final Pattern contains;
        private final boolean wholeFile;
        private final String fileType;
        private final String ageStamp;
        private final boolean recurse;
        private final Integer depth;
        private final boolean hidden;
        private final boolean follow;
        private final boolean checksum;
        private final double now = System.currentTimeMillis() / 1000.0;
        private Long age;
        private Long size;
        private final Map<String, Pattern> compiled = new java.util.HashMap<>();
        final List<Map<String, Object>> found = new ArrayList<>();
        final Map<String, String> skipped = new LinkedHashMap<>();
        int examined;

        Search(ModuleContext ctx, Args args) throws ModuleException {
            this.ctx = ctx;
            this.regex = args.bool("use_regex");
            List<String> given = args.strings("patterns");
            this.patterns = given.isEmpty() ? List.of(regex ? ".*" : "*") : given;
            this.excludes = args.strings("excludes");
            try {
                this.contains = args.string("contains") == null ? null : PythonRegex.compile(args.string("contains"), "contains");
                // each pattern compiled once for the walk: a regex, or a glob as fnmatch reads it
                for (String p : patterns) {
                    compiled.put(p, regex ? PythonRegex.compile(p, "patterns") : Fnmatch.pattern(p));
                }
                for (String e : excludes) {
                    compiled.put(e, regex ? PythonRegex.compile(e, "excludes") : Fnmatch.pattern(e));
                }
            } catch (IllegalArgumentException e) {
                throw new ModuleException(e.getMessage());
            }
            this.wholeFile = args.bool("read_whole_file");
            this.fileType = args.string("file_type");
            this.ageStamp = args.string("age_stamp");
            this.recurse = args.bool("recurse");
            this.depth = args.integer("depth");
            this.hidden = args.bool("hidden");
            this.follow = args.bool("follow");
            this.checksum = args.bool("get_checksum");
        }

        /**
         * os.walk from {@code root} down: each folder's files, then its folders (a link to a folder counts as a folder,
         * walked into only with follow); a folder that cannot be listed stops the walk of that path.
         */
        void walk(HostConnection host, String top, String root) throws ModuleException {
            List<String> files = new ArrayList<>();
            List<String> dirs = new ArrayList<>();
            Map<String, Object> stats = new LinkedHashMap<>();
            for (String entry : host.list(root)) {
                Object lstat;
                try {
                    lstat = host.statInode(entry, false);
                } catch (ModuleException e) {
                    lstat = e;  // reported when the entry is reached, as Ansible's lstat fails there
                }
                stats.put(entry, lstat);
                boolean dir = lstat instanceof FileInfo i && (i.isDirectory()
                        || i.type() == FileInfo.Type.LINK && host.stat(entry, true).isDirectory());
                (dir ? dirs : files).add(entry);
            }
            examined += files.size() + dirs.size();
            boolean descend = true;
            List<String> entries = new ArrayList<>(files);
            entries.addAll(dirs);
            for (String entry : entries) {
                String name = entry.substring(entry.lastIndexOf('/') + 1);
                if (depth != null && depth != 0 && levels(top, entry) > depth) {
                    descend = false;  // as Ansible's `del dirs[:]`: nothing below this folder is walked
                    continue;
                }
                if (name.startsWith(".") && !hidden) {
                    continue;
                }
                if (stats.get(entry) instanceof ModuleException e) {
                    ctx.warn("Skipped entry '" + entry + "' due to this access issue: " + e.getMessage());
                    skipped.put(entry, e.getMessage());
                    continue;
                }
                consider(host, entry, name, (FileInfo) stats.get(entry));
            }
            if (!recurse || !descend) {
                return;
            }
            for (String dir : dirs) {
                if (follow || ((FileInfo) stats.get(dir)).type() != FileInfo.Type.LINK) {
                    walk(host, top, dir);
                }
            }
        }

        private static int levels(String top, String entry) {
            String base = top.endsWith("/") ? top : top + "/";
            return count(entry) - count(base) + 1;
        }

        private static int count(String path) {
            return (int) path.chars().filter(c -> c == '/').count();
        }

        private void consider(HostConnection host, String path, String name, FileInfo info) throws ModuleException {
            boolean regular = info.type() == FileInfo.Type.FILE;
            boolean named = named(name) && aged(info);
            boolean take = switch (fileType) {
                case "any" -> named && (!regular || sized(info));
                case "directory" -> info.type() == FileInfo.Type.DIRECTORY && named;
                case "link" -> info.type() == FileInfo.Type.LINK && named;
                default -> regular && named && sized(info) && holds(host, path);
            };
            if (!take) {
                return;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("path", path);
            r.putAll(statinfo(info));
            if (regular && checksum) {
                r.put("checksum", StatModule.checksum(host, path, "sha1"));
            }
            found.add(r);
        }

        /** Ansible's pfilter: a pattern matches, and then no exclude does. */
        private boolean named(String name) {
            for (String p : patterns) {
                if (matches(name, p)) {
                    return excludes.stream().noneMatch(e -> matches(name, e));
                }
            }
            return false;
        }

        private boolean matches(String name, String pattern) {
            Matcher m = compiled.get(pattern).matcher(name);
            return regex ? m.lookingAt() : m.matches();
        }

        private boolean aged(FileInfo info) {
            if (age == null) {
                return true;
            }
            double stamp = switch (ageStamp) {
                case "atime" -> info.atime();
                case "ctime" -> info.inode() == null ? info.mtime() : info.inode().ctime();
                default -> info.mtime();
            };
            return age >= 0 ? now - stamp >= Math.abs(age) : now - stamp <= Math.abs(age);
        }

        private boolean sized(FileInfo info) {
            return size == null || (size >= 0 ? info.size() >= Math.abs(size) : info.size() <= Math.abs(size));
        }

        /** Ansible's contentfilter: a line matches from its start (or the whole text is searched); unreadable text never does. */
        private boolean holds(HostConnection host, String path) {
            if (contains == null) {
                return true;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(host.read(path))).toString();
            } catch (ModuleException | CharacterCodingException e) {
                return false;
            }
            if (wholeFile) {
                return contains.matcher(text).find();
            }
            for (String line : text.split("(?<=\n)")) {
                if (contains.matcher(line).lookingAt()) {
                    return true;
                }
            }
            return false;
        }

        /** Ansible's find statinfo of an entry (not followed). */
        private static Map<String, Object> statinfo(FileInfo info) {
            Map<String, Object> s = new LinkedHashMap<>();
            int mode = info.mode();
            FileInfo.Inode inode = info.inode();
            int fileType = inode == null ? 0 : inode.fileType();
            s.put("mode", info.modeText());
            s.put("isdir", info.isDirectory());
            s.put("ischr", fileType == 0020000);
            s.put("isblk", fileType == 0060000);
            s.put("isreg", info.isFile());
            s.put("isfifo", fileType == 0010000);
            s.put("islnk", info.type() == FileInfo.Type.LINK);
            s.put("issock", fileType == 0140000);
            s.put("uid", info.uid());
            s.put("gid", info.gid());
            s.put("size", info.size());
            s.put("inode", inode == null ? 0 : inode.number());
            s.put("dev", inode == null ? 0 : inode.dev());
            s.put("nlink", inode == null ? 1 : inode.links());
            s.put("atime", info.atime());
            s.put("mtime", info.mtime());
            s.put("ctime", inode == null ? info.mtime() : inode.ctime());
            s.put("gr_name", info.group() == null ? "" : info.group());
            s.put("pw_name", info.owner() == null ? "" : info.owner());
            String[] bits = {"wusr", "rusr", "xusr", "wgrp", "rgrp", "xgrp", "woth", "roth", "xoth"};
            int[] masks = {0200, 0400, 0100, 020, 040, 010, 02, 04, 01};
            for (int i = 0; i < bits.length; i++) {
                s.put(bits[i], (mode & masks[i]) != 0);
            }
            s.put("isuid", (mode & 04000) != 0);
            s.put("isgid", (mode & 02000) != 0);
            return s;
        }
    }
}
