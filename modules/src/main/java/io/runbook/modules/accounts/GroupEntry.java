package io.runbook.modules.accounts;

import java.util.Arrays;
import java.util.List;

/** A group as the host's name service gives it ({@code getent group}, a line of /etc/group): name, id and members. */
record GroupEntry(String name, int gid, List<String> members) {
    GroupEntry {
        members = List.copyOf(members);
    }

    /** The entry of a {@code name:passwd:gid:member,member} line, or null when the line is not one. */
    static GroupEntry parse(String line) {
        String[] f = line.strip().split(":", -1);
        if (f.length < 4 || !f[2].matches("\\d+")) {
            return null;
        }
        List<String> members = f[3].isEmpty() ? List.of() : Arrays.stream(f[3].split(",")).map(String::strip).toList();
        return new GroupEntry(f[0], Integer.parseInt(f[2]), members);
    }

    /**
     * Whether this is the group a task names: a number is tried as the id first, then as a name, as Ansible's
     * {@code group_exists} does.
     */
    boolean answersTo(String nameOrId) {
        return nameOrId.matches("\\d+") && String.valueOf(gid).equals(nameOrId) || name.equals(nameOrId);
    }
}
