package io.runbook.modules.accounts;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the host's name service says of one user and some groups, read in one command as Ansible's {@code user}
 * and {@code group} modules read them through Python's {@code pwd}, {@code spwd} and {@code grp}: {@code getent}
 * (so LDAP or sssd accounts count, as there), the /etc files where the host has no {@code getent} (BusyBox).
 * The shadow entry is read as the connection's user: without root (or become) it is unreadable, as for Ansible.
 */
final class AccountSnapshot {
    private static final String READ = "db() { if command -v getent >/dev/null 2>&1; then getent \"$@\" 2>/dev/null; "
            + "elif [ $# -eq 1 ]; then cat \"/etc/$1\" 2>/dev/null; else awk -F: -v k=\"$2\" '$1==k||$3==k' \"/etc/$1\" 2>/dev/null; fi; }\n"
            + "u=$1; a=$2; shift 2\n"
            + "if [ -n \"$u\" ]; then db passwd \"$u\" | head -n 1 | sed 's/^/P:/'\n"
            + "  { db shadow \"$u\" || awk -F: -v k=\"$u\" '$1==k' /etc/shadow 2>/dev/null; } | head -n 1 | sed 's/^/S:/'; fi\n"
            + "[ \"$a\" = all ] && db group | sed 's/^/G:/'\n"
            + "for g; do db group \"$g\" | head -n 1 | sed 's/^/N:/'; done; exit 0\n";

    private final PasswdEntry user;
    private final ShadowEntry shadow;
    private final List<GroupEntry> allGroups;
    private final List<GroupEntry> named;

    private AccountSnapshot(PasswdEntry user, ShadowEntry shadow, List<GroupEntry> allGroups, List<GroupEntry> named) {
        this.user = user;
        this.shadow = shadow;
        this.allGroups = allGroups;
        this.named = named;
    }

    /**
     * Reads user {@code userName} (null: no user) with its shadow entry, every group when {@code allGroups} (for
     * memberships), and the groups named or numbered in {@code groups}.
     */
    static AccountSnapshot read(HostConnection host, String userName, List<String> groups, boolean allGroups)
            throws ModuleException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", READ, "sh", userName == null ? "" : userName, allGroups ? "all" : ""));
        groups.stream().filter(g -> !g.isEmpty()).forEach(argv::add);
        Execution done = host.run(new CommandLine(argv, null, null, Map.of("LC_ALL", "C")));
        if (done.rc() != 0) {
            throw new ModuleException("cannot read the users and groups of " + host.describe() + ": " + done.stderr().strip());
        }
        PasswdEntry user = null;
        ShadowEntry shadow = ShadowEntry.UNREADABLE;
        List<GroupEntry> all = new ArrayList<>();
        List<GroupEntry> named = new ArrayList<>();
        for (String line : done.stdout().split("\n")) {
            String value = line.length() > 2 ? line.substring(2) : "";
            switch (line.isEmpty() ? ' ' : line.charAt(0)) {
                case 'P' -> user = PasswdEntry.parse(value);
                case 'S' -> shadow = ShadowEntry.parse(value);
                case 'G' -> add(all, GroupEntry.parse(value));
                case 'N' -> add(named, GroupEntry.parse(value));
                default -> { }
            }
        }
        return new AccountSnapshot(user, shadow, List.copyOf(all), List.copyOf(named));
    }

    private static void add(List<GroupEntry> to, GroupEntry entry) {
        if (entry != null) {
            to.add(entry);
        }
    }

    /** The user, when it exists. */
    Optional<PasswdEntry> user() {
        return Optional.ofNullable(user);
    }

    /** The password hash Ansible compares: the passwd field, or the shadow one when that is {@code x} or empty. */
    String password() {
        return user == null ? "" : user.password().length() <= 1 ? shadow.password() : user.password();
    }

    ShadowEntry shadow() {
        return shadow;
    }

    /** A group that was asked for by name or id: the id tried first for a number, as Ansible's {@code group_info}. */
    Optional<GroupEntry> group(String nameOrId) {
        if (nameOrId.matches("\\d+")) {
            Optional<GroupEntry> byId = named.stream().filter(g -> String.valueOf(g.gid()).equals(nameOrId)).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return named.stream().filter(g -> g.name().equals(nameOrId)).findFirst();
    }

    /** A group asked for by its name only (the {@code group} module looks up no ids). */
    Optional<GroupEntry> groupNamed(String name) {
        return named.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The names of the groups that list {@code name} as a member (read with {@code allGroups}), in the host's order. */
    List<String> memberships(String name) {
        return allGroups.stream().filter(g -> g.members().contains(name)).map(GroupEntry::name).distinct().toList();
    }
}
