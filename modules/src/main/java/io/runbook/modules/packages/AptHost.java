package io.runbook.modules.packages;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import io.runbook.modules.connection.ShellWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs apt's and dpkg's programs on the host through its connection, as Ansible's apt module runs them: with
 * {@code DEBIAN_FRONTEND=noninteractive}, {@code DEBIAN_PRIORITY=critical} and the C locale (it reads their output),
 * over the task's {@code environment} (an {@code APT_CONFIG} there reaches every program), with the sbin folders on
 * the PATH (dpkg runs ldconfig and start-stop-daemon). A command that finds apt's or dpkg's lock taken is run again
 * until {@code lock_timeout} has passed, as Ansible's module waits for a transitory lock.
 */
final class AptHost {
    private static final String RUN = "PATH=\"$PATH:/usr/local/sbin:/usr/sbin:/sbin\"; export PATH\nexec \"$@\"\n";
    private static final String FIND = "PATH=\"$PATH:/usr/local/sbin:/usr/sbin:/sbin\"; export PATH\n"
            + "for p in apt-get aptitude apt-mark dpkg; do echo \"@@$p $(command -v $p)\"; done\n"
            + "if [ -e /var/lib/apt/periodic/update-success-stamp ]; then echo \"@@mtime $(stat -c %Y /var/lib/apt/periodic/update-success-stamp)\";\n"
            + "elif [ -e /var/lib/apt/lists ]; then echo \"@@mtime $(stat -c %Y /var/lib/apt/lists)\"; else echo '@@mtime 0'; fi\n";

    private final HostConnection host;
    private final Map<String, String> environment;
    private final long lockDeadline;
    private final Map<String, String> found = new LinkedHashMap<>();

    AptHost(ModuleContext ctx, int lockTimeoutSeconds) throws ModuleException {
        this.host = HostConnections.of(ctx);
        Map<String, String> env = new LinkedHashMap<>(ctx.environment());
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("DEBIAN_PRIORITY", "critical");
        for (String name : List.of("LANG", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")) {
            env.put(name, "C");
        }
        this.environment = env;
        this.lockDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, lockTimeoutSeconds));
    }

    /** The absolute path on the host of a path the task gave. */
    String resolve(String path, java.nio.file.Path workDir) throws ModuleException {
        return host.resolve(path, workDir);
    }

    /** Finds apt-get, aptitude, apt-mark and dpkg on the host, and reads the time of the last cache update. */
    void probe() throws ModuleException, InterruptedException {
        Execution e = raw(List.of("sh", "-c", FIND, "sh"));
        for (String line : e.stdout().split("\n")) {
            if (line.startsWith("@@")) {
                int space = line.indexOf(' ');
                String value = space < 0 ? "" : line.substring(space + 1).trim();
                found.put(line.substring(2, space < 0 ? line.length() : space), value);
            }
        }
    }

    /** The path of a program the host has, or null. */
    String program(String name) {
        String path = found.get(name);
        return path == null || path.isEmpty() ? null : path;
    }

    /** The path of a program the host must have: missing, the task fails as Ansible's {@code get_bin_path(required=True)}. */
    String required(String name) throws ModuleException {
        String path = program(name);
        if (path == null) {
            throw new ModuleException("Failed to find required executable \"" + name + "\" in paths: "
                    + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        return path;
    }

    /** When apt's lists were last updated (seconds since the epoch, 0 when unknown) as {@link #probe} found it. */
    long probedCacheTime() {
        try {
            return Long.parseLong(found.getOrDefault("mtime", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** When apt's lists were last updated, read again, as Ansible's {@code get_cache_mtime}. */
    long cacheTime() throws ModuleException, InterruptedException {
        Execution e = raw(List.of("sh", "-c", FIND, "sh"));
        for (String line : e.stdout().split("\n")) {
            if (line.startsWith("@@mtime ")) {
                try {
                    return Long.parseLong(line.substring(8).trim());
                } catch (NumberFormatException ignored) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Runs a command line written as Ansible's module writes it (split as a shell splits words). */
    Execution line(String commandLine) throws ModuleException, InterruptedException {
        return run(ShellWords.split(commandLine));
    }

    /** Runs {@code argv}, again while another apt or dpkg holds the lock and {@code lock_timeout} has not passed. */
    Execution run(List<String> argv) throws ModuleException, InterruptedException {
        while (true) {
            Execution e = raw(argv);
            if (e.rc() == 0 || !lockTaken(e) || System.nanoTime() >= lockDeadline) {
                return e;
            }
            Thread.sleep(1000);
        }
    }

    private static boolean lockTaken(Execution e) {
        // held by another process; not "Could not open lock file … Permission denied" (not root), which waiting cannot mend
        return e.stderr().contains("Could not get lock");
    }

    private Execution raw(List<String> argv) throws ModuleException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("sh", "-c", RUN, "sh"));
        all.addAll(argv);
        return host.run(new CommandLine(all, null, null, environment));
    }
}
