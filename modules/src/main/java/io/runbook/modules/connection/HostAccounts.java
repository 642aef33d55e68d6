package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and groups of a host as its name service knows them ({@code getent}: the /etc files, LDAP, sssd, ... as
 * Python's {@code pwd}/{@code grp} see them for Ansible), both ways — a name or an id in, the account out — with one
 * command per look-up of a user and a group together; the /etc files are read when the host has no {@code getent}
 * (BusyBox). What was found (or not) is kept, so a connection asks once per name or id.
 */
public final class HostAccounts {
    /** An account: its name and its numeric id. */
    public record Account(String name, int id) {
    }

    private static final Account NONE = new Account("", -1);
    private static final String LOOKUP = "e() { [ -n \"$2\" ] || { echo; return; }\n"
            + "  l=$( (getent \"$1\" \"$2\" 2>/dev/null || awk -F: -v k=\"$2\" '$1==k||$3==k' \"/etc/$1\") | head -n 1); echo \"$l\"; }\n"
            + "e passwd \"$1\"; e group \"$2\"\n";

    private final HostConnection host;
    private final Map<String, Account> users = new ConcurrentHashMap<>();
    private final Map<String, Account> groups = new ConcurrentHashMap<>();

    public HostAccounts(HostConnection host) {
        this.host = host;
    }

    /**
     * The user and the group named (or numbered) {@code user} and {@code group} — either may be null, not asked —
     * as {@code [user, group]}, each null when the host has no such account.
     */
    public Account[] find(String user, String group) throws ModuleException, InterruptedException {
        String askUser = user != null && !users.containsKey(user) ? user : null;
        String askGroup = group != null && !groups.containsKey(group) ? group : null;
        if (askUser != null || askGroup != null) {
            Execution done = host.run(new CommandLine(List.of("sh", "-c", LOOKUP, "sh", askUser == null ? "" : askUser,
                    askGroup == null ? "" : askGroup), null, null, Map.of()));
            String[] lines = (done.stdout() + "\n\n").split("\n", -1);
            if (askUser != null) {
                users.put(askUser, account(lines[0]));
            }
            if (askGroup != null) {
                groups.put(askGroup, account(lines[1]));
            }
        }
        return new Account[] {known(users, user), known(groups, group)};
    }

    /**
     * Forgets every name and id found so far: a task changed the host's accounts ({@code user}, {@code group}), so a
     * later task's look-up must ask the host again.
     */
    public void forget() {
        users.clear();
        groups.clear();
    }

    /** Records names a host gave by other means (a stat's {@code %U %G}) for the ids, so they need no look-up. */
    public void learn(int uid, String user, int gid, String group) {
        if (user != null) {
            users.putIfAbsent(String.valueOf(uid), new Account(user, uid));
        }
        if (group != null) {
            groups.putIfAbsent(String.valueOf(gid), new Account(group, gid));
        }
    }

    private static Account known(Map<String, Account> table, String key) {
        Account a = key == null ? null : table.get(key);
        return a == null || a == NONE ? null : a;
    }

    private static Account account(String line) {
        String[] f = line.strip().split(":", -1);
        return f.length >= 3 && f[2].matches("\\d+") ? new Account(f[0], Integer.parseInt(f[2])) : NONE;
    }
}
