package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.vars.Fnmatch;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code unarchive} run as its archive handlers see it: the archive and the folder on the host, the task's
 * options, and the host's own tools found along the task's PATH (as Ansible's get_bin_path), run with the task's
 * environment. {@code excludes} may grow while the run decides what to extract (zip's keep_newer, as Ansible's).
 */
final class ArchiveRun {
    /** The locale Ansible's get_best_parsable_locale picks on a Linux host (C.UTF-8), for tar's parsed output. */
    private static final Map<String, String> PARSABLE = Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8", "LC_MESSAGES", "C.UTF-8",
            "LANGUAGE", "C.UTF-8");
    private static final String IDENTITY = "id -u; id -g; id -G; id -un 2>/dev/null || id -u; id -gn 2>/dev/null || id -g; umask";

    final ModuleContext ctx;
    final HostConnection host;
    final String src;
    final String dest;
    final List<String> opts;
    final List<String> excludes;
    final List<String> includes;
    final String owner;
    final String group;
    final String mode;
    final boolean keepNewer;
    private final Map<String, String> binaries = new HashMap<>();
    private Identity identity;

    /** Who the module runs as on the host, and its umask. */
    record Identity(int uid, int gid, List<Integer> groups, String user, String group, int umask) {
    }

    ArchiveRun(ModuleContext ctx, HostConnection host, String src, String dest) {
        Args args = ctx.args();
        this.ctx = ctx;
        this.host = host;
        this.src = src;
        this.dest = dest;
        this.opts = args.strings("extra_opts");
        this.excludes = new ArrayList<>(args.strings("exclude"));
        this.includes = args.strings("include");
        this.owner = args.has("owner") ? args.string("owner") : null;
        this.group = args.has("group") ? args.string("group") : null;
        this.mode = FileMode.spec(args, "mode");
        this.keepNewer = args.bool("keep_newer");
    }

    /** The path of a program on the host's PATH (the task's environment applied), or null when there is none. */
    String bin(String name) throws ModuleException, InterruptedException {
        if (!binaries.containsKey(name)) {
            Execution found = host.run(new CommandLine(List.of("sh", "-c", "command -v \"$1\"", "sh", name), null, null,
                    ctx.environment()));
            String path = found.stdout().strip();
            binaries.put(name, found.rc() == 0 && path.startsWith("/") ? path : null);
        }
        return binaries.get(name);
    }

    /** Runs a program on the host; {@code parsable}: in the C.UTF-8 locale, as Ansible runs tar. */
    Execution run(List<String> argv, String cwd, boolean parsable) throws ModuleException, InterruptedException {
        return run(argv, cwd, parsable, null);
    }

    Execution run(List<String> argv, String cwd, boolean parsable, String stdin) throws ModuleException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>(ctx.environment());
        if (parsable) {
            env.putAll(PARSABLE);
        }
        return host.run(new CommandLine(argv, cwd, stdin, env));
    }

    /** Ansible's run_command result as a handler reports it: {@code cmd}, {@code rc}, {@code out}, {@code err}. */
    static Map<String, Object> reported(List<String> cmd, Execution done) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cmd", cmd);
        out.put("rc", done.rc());
        out.put("out", done.stdout());
        out.put("err", done.stderr());
        return out;
    }

    /** The login (or become) user on the host: ids, names, groups and umask, asked once. */
    Identity identity() throws ModuleException, InterruptedException {
        if (identity == null) {
            Execution done = run(List.of("sh", "-c", IDENTITY), null, false);
            String[] l = done.stdout().split("\n");
            if (done.rc() != 0 || l.length < 6) {
                throw new ModuleException("cannot tell the user on " + host.describe() + ": " + done.stderr().strip());
            }
            List<Integer> groups = new ArrayList<>();
            for (String g : l[2].trim().split("\\s+")) {
                groups.add(Integer.parseInt(g));
            }
            identity = new Identity(Integer.parseInt(l[0].trim()), Integer.parseInt(l[1].trim()), groups, l[3].trim(), l[4].trim(),
                    Integer.parseInt(l[5].trim(), 8));
        }
        return identity;
    }

    /** Python's fnmatch.fnmatch of a member's name against any of the globs. */
    static boolean matchesAny(String name, List<String> globs) {
        return globs.stream().anyMatch(g -> Fnmatch.pattern(g).matcher(name).matches());
    }

    /**
     * An archive's member names filtered as Ansible's handlers do: with {@code includes}, those one matches (once per
     * include matched); else those no exclude matches.
     */
    static List<String> filtered(List<String> names, List<String> excludes, List<String> includes) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (!includes.isEmpty()) {
                for (String include : includes) {
                    if (Fnmatch.pattern(include).matcher(name).matches()) {
                        out.add(name);
                    }
                }
            } else if (!matchesAny(name, excludes)) {
                out.add(name);
            }
        }
        return out;
    }
}
