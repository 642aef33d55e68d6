package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandFailure;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code known_hosts} asks the host's own {@code ssh-keygen}, as Ansible's module asks it: whether a key line names
 * the host ({@code -F} on a temporary file holding it), where the host's entries are in a known_hosts file ({@code -F},
 * plain and hashed names, {@code [host]:port}) and whether one of them is the key or a key of its type, and removing
 * every entry of a host ({@code -R}, which keeps the old file as {@code PATH.old}).
 */
final class KnownHostsSearch {
    private static final Pattern FOUND_LINE = Pattern.compile("found: line (\\d+)");
    /** Writes standard input to a temporary file, looks the host up in it and removes it (as Ansible's sanity_check). */
    private static final String LOOKUP_IN_TEMPORARY_FILE = """
            command -v ssh-keygen >/dev/null 2>&1 || { printf 'not in %s' "$PATH" >&2; exit 127; }
            t=$(mktemp) || exit 1
            cat >"$t"
            ssh-keygen -F "$1" -f "$t"
            rc=$?
            rm -f "$t"
            exit $rc""";

    /**
     * What the file holds for the host: {@code found} any entry of it; {@code replace} the key is not there as given (a
     * key of its type is, at {@code line}, or none is: {@code line} null); {@code line} (1-based) the entry that is the key
     * or has its type, or null.
     */
    record Found(boolean found, boolean replace, Integer line) {
        static final Found NOTHING = new Found(false, false, null);
    }

    private KnownHostsSearch() {
    }

    /**
     * Fails as Ansible's module when {@code keyLine} does not name {@code name} (ssh-keygen finds nothing for it), or when
     * the name is a comma-separated list.
     */
    static void checkNames(HostConnection host, String name, String keyLine) throws ModuleException, InterruptedException {
        if (Pattern.compile("\\S+(\\s+)?,(\\s+)?").matcher(name).find()) {
            throw new ModuleException("Comma separated list of names is not supported. "
                    + "Please pass a single name to lookup in the known_hosts file.");
        }
        Execution run = keygen(host, new CommandLine(List.of("/bin/sh", "-c", LOOKUP_IN_TEMPORARY_FILE, "sh", name), null,
                keyLine, Map.of()));
        if (run.stdout().isEmpty()) {
            throw new ModuleException("Host parameter does not match hashed host field in supplied key");
        }
    }

    /** The host's entries in {@code path} (which exists) compared with {@code keyLine} (null: any entry is enough). */
    static Found find(HostConnection host, String name, String keyLine, String path) throws ModuleException, InterruptedException {
        Execution run = keygen(host, new CommandLine(List.of("ssh-keygen", "-F", name, "-f", path), null, null, Map.of()));
        if (run.stdout().isEmpty() && run.stderr().isEmpty() && (run.rc() == 0 || run.rc() == 1)) {
            return Found.NOTHING;
        }
        if (run.rc() != 0) {
            throw new ModuleException("ssh-keygen failed (rc=" + run.rc() + ", stdout='" + run.stdout() + "',stderr='"
                    + run.stderr() + "')");
        }
        if (keyLine == null) {
            return new Found(true, false, null);
        }
        KnownHostsEntry wanted = KnownHostsEntry.parse(keyLine);
        Integer line = null;
        for (String l : run.stdout().split("\n", -1)) {
            if (l.isEmpty()) {
                continue;
            }
            if (l.charAt(0) == '#') {
                // ssh-keygen's own line before each entry it prints: "# Host NAME found: line N"
                Matcher m = FOUND_LINE.matcher(l);
                if (!m.find()) {
                    throw new ModuleException("failed to parse output of ssh-keygen for line number: '" + l + "'");
                }
                line = Integer.valueOf(m.group(1));
                continue;
            }
            KnownHostsEntry there = KnownHostsEntry.parse(l);
            if (wanted.hashed() && there.hashed()) {
                wanted = wanted.withHost(there.host());  // a hashed name is not hashed again: its salt differs each time
            }
            if (wanted.equals(there)) {
                return new Found(true, false, line);
            }
            if (wanted.type().equals(there.type())) {
                return new Found(true, true, line);
            }
        }
        return new Found(true, true, null);
    }

    /** {@code ssh-keygen -R}: every entry of the host goes (the file as it was kept as {@code PATH.old}). */
    static void removeAll(HostConnection host, String name, String path) throws ModuleException, InterruptedException {
        Execution run = keygen(host, new CommandLine(List.of("ssh-keygen", "-R", name, "-f", path), null, null, Map.of()));
        if (run.rc() != 0) {
            String why = run.stderr().isBlank() ? run.stdout() : run.stderr();
            throw new ModuleException("ssh-keygen -R " + name + " -f " + path + " failed (rc=" + run.rc() + "): " + why.strip());
        }
    }

    /** Runs ssh-keygen (or the script that does); a host without it fails as Ansible's get_bin_path. */
    private static Execution keygen(HostConnection host, CommandLine command) throws ModuleException, InterruptedException {
        Execution run;
        try {
            run = host.run(command);
        } catch (CommandFailure e) {
            if (e.ran()) {
                throw e;
            }
            throw missing(host, e.getMessage());
        }
        if (run.rc() == 127 && run.stdout().isEmpty()) {
            throw missing(host, run.stderr().strip());
        }
        return run;
    }

    private static ModuleException missing(HostConnection host, String why) {
        return new ModuleException("Failed to find required executable \"ssh-keygen\" on " + host.describe()
                + (why.isEmpty() ? "" : " (" + why + ")") + ": install OpenSSH's client tools there");
    }
}
