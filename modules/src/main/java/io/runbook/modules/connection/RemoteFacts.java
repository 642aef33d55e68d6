package io.runbook.modules.connection;

import io.runbook.engine.facts.CustomFacts;
import io.runbook.engine.facts.DistributionFiles;
import io.runbook.engine.facts.HostNames;
import io.runbook.engine.facts.KernelCmdline;
import io.runbook.engine.facts.LinuxHardware;
import io.runbook.engine.facts.LocalFacts;
import io.runbook.engine.facts.NetworkFacts;
import io.runbook.engine.facts.OsRelease;
import io.runbook.engine.facts.PythonFacts;
import io.runbook.engine.facts.SystemFacts;
import io.runbook.engine.facts.VirtualFacts;
import io.runbook.engine.module.FactSource;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of a host reached over a remote connection (SSH): Ansible's usual subset ({@code hostname},
 * {@code fqdn}, {@code system}, {@code kernel}, {@code architecture}, the distribution and {@code os_family},
 * {@code user_id}/{@code user_dir}/{@code user_shell}, {@code env}, {@code date_time}, {@code pkg_mgr},
 * {@code service_mgr}, {@code python} and {@code python_version} when the host has Python ({@link PythonFacts});
 * with {@code hardware} {@link LinuxHardware}'s facts (memory, processors, mounts, block devices, uptime, DMI, LVM),
 * with {@code network} in brief), read by one POSIX shell script over
 * the host's connection, the one its modules use. The controller's own facts are {@link LocalFacts}.
 */
public final class RemoteFacts implements FactSource {
    /** Sections of the script's output, each after a line {@code @@name}; env comes last (values may span lines). */
    static final String SCRIPT = String.join("\n",
            "echo @@uname; uname -s; uname -r; uname -m; uname -v",
            "echo @@platform; getconf LONG_BIT 2>/dev/null; cat /var/lib/dbus/machine-id 2>/dev/null || cat /etc/machine-id 2>/dev/null",
            "echo @@date; date '+%s %z %Z'",
            "echo @@user; id -un; id -u; id -g; echo \"$HOME\"; echo \"${SHELL:-/bin/sh}\"",
            "echo @@os_release; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null",
            "echo @@debian_version; cat /etc/debian_version 2>/dev/null",
            "echo @@pkg_mgr; for p in apt-get dnf yum apk zypper pacman; do command -v $p; done",
            "echo @@python; " + HostPython.choose("p", "\"$1\""),
            "\"$p\" -S -c '" + PythonFacts.PROBE + "' </dev/null 2>/dev/null",
            "echo @@passwd; u=$(id -un); getent passwd \"$u\" 2>/dev/null || grep \"^$u:\" /etc/passwd 2>/dev/null",
            "echo @@ids; id -ru; id -u; id -rg",
            "echo @@cmdline; cat /proc/cmdline 2>/dev/null",
            "echo @@loadavg; cat /proc/loadavg 2>/dev/null",
            "echo @@chroot; [ -n \"${debian_chroot:-}\" ] && echo debian; echo \"root $(stat -c '%d %i' / 2>/dev/null)\"",
            "echo \"init $(stat -c '%d %i' /proc/1/root/. 2>/dev/null)\"; echo \"fs $(stat -f --format=%T / 2>/dev/null)\"",
            HostNames.SCRIPT + "echo @@env; env",
            "");
    private static final Map<String, String> PKG_MGRS = Map.of("apt-get", "apt", "dnf", "dnf", "yum", "yum", "apk", "apk",
            "zypper", "zypper", "pacman", "pacman");

    /** A host that says how it is reached ({@link HostConnections#saysHowReached}). */
    @Override
    public boolean handles(ModuleContext ctx) {
        return HostConnections.saysHowReached(ctx);
    }

    @Override
    public Map<String, Object> gather(ModuleContext ctx, Set<String> subsets) throws ModuleException, InterruptedException {
        HostConnection host = HostConnections.of(ctx);
        // the Python Ansible's setup would run with: the one set, else the discovered one (else the script looks itself)
        String python = io.runbook.engine.facts.InterpreterDiscovery.chosen(ctx);
        Execution run = host.run(new CommandLine(List.of("/bin/sh", "-c", script(subsets), "sh", python), null, null, Map.of()));
        if (run.stdout().indexOf("@@env") < 0) {
            throw new ModuleException("could not gather the facts of " + host.describe() + ": the shell script ended with rc="
                    + run.rc() + (run.stderr().isBlank() ? "" : ": " + run.stderr().strip().lines().findFirst().orElse("")));
        }
        Map<String, Object> facts = facts(run.stdout(), subsets);
        if (subsets.contains("local")) {
            facts.put("local", customFacts(host, CustomFacts.path(ctx.args().raw("fact_path")).toString(), ctx));
        }
        return facts;
    }

    /**
     * Prints each {@code *.fact} of the folder given as $1 after a line {@code @@fact NAME rc}: an executable one's
     * output and rc (its error output instead when it fails), another one's text (rc -), a dangling link's nothing
     * (rc stat).
     */
    static final String FACTS_SCRIPT = String.join("\n",
            "[ -d \"$1\" ] || exit 0",
            "for f in \"$1\"/*.fact; do",
            "  [ -e \"$f\" ] || [ -L \"$f\" ] || continue",
            "  n=$(basename \"$f\" .fact)",
            "  [ -e \"$f\" ] || { echo \"@@fact $n stat\"; continue; }",
            "  if [ -x \"$f\" ]; then",
            "    e=\"${TMPDIR:-/tmp}/.runbook-fact-err.$$\"; out=$(\"$f\" </dev/null 2>\"$e\"); rc=$?",
            "    [ $rc -eq 0 ] || out=$(cat \"$e\"); rm -f \"$e\"; echo \"@@fact $n $rc\"; printf '%s\\n' \"$out\"",
            "  else echo \"@@fact $n -\"; cat \"$f\"; echo; fi",
            "done",
            "");

    /** The host's custom facts (ansible_local), as {@link CustomFacts} reads the controller's. */
    private static Map<String, Object> customFacts(HostConnection host, String factPath, ModuleContext ctx)
            throws ModuleException, InterruptedException {
        Execution run = host.run(new CommandLine(List.of("/bin/sh", "-c", FACTS_SCRIPT, "sh", factPath), null, null, Map.of()));
        return customFacts(run.stdout(), factPath, ctx::warn);
    }

    /** {@link #FACTS_SCRIPT}'s output read: each fact's text as JSON or INI, or the failure of its script. */
    static Map<String, Object> customFacts(String stdout, String factPath, java.util.function.Consumer<String> warn) {
        Map<String, Object> out = new LinkedHashMap<>();
        String name = null;
        String rc = null;
        StringBuilder text = new StringBuilder();
        for (String line : (stdout + "@@fact\n").split("\n", -1)) {
            if (!line.startsWith("@@fact")) {
                if (name != null) {
                    text.append(line).append('\n');
                }
                continue;
            }
            if (name != null) {
                String file = factPath + "/" + name + ".fact";
                if (rc.equals("stat")) {
                    // a dangling link: Ansible's os.stat error
                    String failed = "Could not stat fact (" + file + "): [Errno 2] No such file or directory: '" + file + "'";
                    warn.accept(failed);
                    out.put(name, failed);
                } else if (rc.equals("-") || rc.equals("0")) {
                    out.put(name, CustomFacts.parse(file, text.toString(), warn));
                } else {
                    String failed = "Failure executing fact script (" + file + "), rc: " + rc + ", err: " + text.toString().strip();
                    warn.accept(failed);
                    out.put(name, failed);
                }
            }
            String[] parts = line.split(" ");
            name = parts.length > 2 ? parts[1] : null;
            rc = parts.length > 2 ? parts[2] : null;
            text.setLength(0);
        }
        return out;
    }

    /**
     * The script for these subsets: with hardware, network, virtual and the collectors of {@link SystemFacts}, their scripts
     * before env (which runs to the end).
     */
    static String script(Set<String> subsets) {
        String more = (subsets.contains("hardware") ? LinuxHardware.REMOTE_SCRIPT : "")
                + (subsets.contains("network") ? NetworkFacts.SCRIPT : "")
                + (subsets.contains("virtual") ? VirtualFacts.SCRIPT : "")
                + (subsets.stream().anyMatch(SystemFacts.COLLECTORS::contains) ? SystemFacts.SCRIPT + DistributionFiles.SCRIPT : "");
        return SCRIPT.replace("echo @@env;", more + "echo @@env;");
    }

    /** The facts from the output of {@link #script}. */
    static Map<String, Object> facts(String stdout, Set<String> subsets) {
        Map<String, Object> facts = facts(ScriptOutput.parse(stdout), subsets);
        Map<String, String> sections = LinuxHardware.sections(stdout);
        if (subsets.contains("hardware")) {
            facts.putAll(LinuxHardware.facts(sections));
        }
        if (subsets.contains("network")) {
            facts.putAll(NetworkFacts.facts(sections.getOrDefault("network", "")));
        }
        if (subsets.contains("virtual")) {
            facts.putAll(VirtualFacts.facts(sections.getOrDefault("virtual", "")));
        }
        if (sections.containsKey("dns")) {
            facts.putAll(SystemFacts.facts(sections));
            facts.putAll(DistributionFiles.facts(sections));
        }
        return facts;
    }

    /** The facts from the script's sections. */
    static Map<String, Object> facts(ScriptOutput out, Set<String> subsets) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.putAll(HostNames.names("localhost", "localhost"));  // the script's names (below) when it says them
        String system = out.line("uname", 0, "");
        f.put("system", system);
        f.put("kernel", out.line("uname", 1, ""));
        f.put("kernel_version", out.line("uname", 3, ""));
        f.put("architecture", out.line("uname", 2, ""));
        f.put("machine", out.line("uname", 2, ""));
        platform(out, f);
        f.putAll(OsRelease.parse(out.text("os_release"), out.text("debian_version"), system));
        f.put("user_id", out.line("user", 0, ""));
        f.put("user_uid", number(out.line("user", 1, "")));
        f.put("user_gid", number(out.line("user", 2, "")));
        f.put("user_dir", out.line("user", 3, ""));
        f.put("user_shell", out.line("user", 4, "/bin/sh"));
        user(out, f);
        String cmdline = out.text("cmdline").strip();
        f.putAll(KernelCmdline.facts(cmdline.isEmpty() ? null : cmdline));
        f.putAll(LocalFacts.loadavg(out.text("loadavg").strip()));
        f.put("is_chroot", chroot(out.lines("chroot")));
        String pkg = out.line("pkg_mgr", 0, "");
        f.put("pkg_mgr", PKG_MGRS.getOrDefault(pkg.substring(pkg.lastIndexOf('/') + 1), "unknown"));
        f.putAll(HostNames.facts(Map.of("names", out.text("names"), "service_mgr", out.text("service_mgr")), system,
                String.valueOf(f.getOrDefault("distribution", ""))));
        f.putAll(PythonFacts.parse(out.text("python")));
        f.put("date_time", dateTime(out.line("date", 0, "")));
        f.put("env", out.env());
        return f;
    }

    /** The platform collector's userspace_bits (the host's long), userspace_architecture (x86), machine_id. */
    private static void platform(ScriptOutput out, Map<String, Object> f) {
        String bits = out.line("platform", 0, "");
        String machine = String.valueOf(f.get("machine"));
        if (bits.matches("32|64")) {
            f.put("userspace_bits", bits);
            if (machine.equals("x86_64") || machine.matches("i.86")) {
                f.put("userspace_architecture", bits.equals("64") ? "x86_64" : "i386");
            }
        }
        String id = out.line("platform", 1, "");
        if (!id.isEmpty()) {
            f.put("machine_id", id);
        }
    }

    /**
     * The chroot collector's is_chroot: debian_chroot set, or / another file system object than init's root; when
     * that cannot be read (not root), / not the root inode of its file system type (2; btrfs 256, xfs 128).
     */
    static boolean chroot(List<String> lines) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : lines) {
            String[] w = line.split(" ", 2);
            kv.put(w[0], w.length > 1 ? w[1].strip() : "");
        }
        String root = kv.getOrDefault("root", "");
        String init = kv.getOrDefault("init", "");
        if (kv.containsKey("debian")) {
            return true;
        } else if (!init.isEmpty()) {
            return !init.equals(root);
        }
        String fs = kv.getOrDefault("fs", "");
        String inode = fs.contains("btrfs") ? "256" : fs.contains("xfs") ? "128" : "2";
        return !root.endsWith(" " + inode);
    }

    /** The user collector's facts from the account's passwd entry and the ids (effective_group_id: getgid, as Ansible's). */
    private static void user(ScriptOutput out, Map<String, Object> f) {
        String[] pw = out.text("passwd").strip().split("\n")[0].split(":", -1);
        if (pw.length == 7) {
            f.put("user_uid", number(pw[2]));
            f.put("user_gid", number(pw[3]));
            f.put("user_gecos", pw[4]);
            f.put("user_dir", pw[5]);
            f.put("user_shell", pw[6]);
        }
        List<String> ids = out.lines("ids");
        if (ids.size() == 3) {
            f.put("real_user_id", number(ids.get(0)));
            f.put("effective_user_id", number(ids.get(1)));
            f.put("real_group_id", number(ids.get(2)));
            f.put("effective_group_id", number(ids.get(2)));
        }
    }

    /** {@code date '+%s %z %Z'} as Ansible's date_time, in the host's zone. */
    static Map<String, Object> dateTime(String line) {
        String[] w = line.trim().split("\\s+");
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(w[0]));
            ZoneOffset offset = w.length > 1 ? ZoneOffset.of(w[1]) : ZoneOffset.UTC;
            return LocalFacts.dateTime(ZonedDateTime.ofInstant(at, offset), w.length > 2 ? w[2] : "UTC");
        } catch (RuntimeException e) {
            // a host whose date says something else: the controller's clock, in UTC
            return LocalFacts.dateTime(ZonedDateTime.now(ZoneOffset.UTC), "UTC");
        }
    }

    private static Object number(String s) {
        return s.matches("\\d+") ? Integer.parseInt(s) : s;
    }
}
