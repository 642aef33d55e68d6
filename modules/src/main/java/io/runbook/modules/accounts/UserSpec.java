package io.runbook.modules.accounts;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a {@code user} task asks for, read once from its arguments; null where the task says nothing (the account
 * keeps what it has). {@code groups} is null when not given, empty for {@code groups: []} (no supplementary group).
 */
record UserSpec(String name, Integer uid, boolean nonUnique, String group, List<String> groups, boolean append,
                String comment, String home, String shell, String password, Boolean passwordLock, boolean createHome,
                String skeleton, String umask, boolean system, boolean moveHome, boolean alwaysUpdatePassword,
                Double expires, Integer passwordExpireMin, Integer passwordExpireMax, boolean local) {

    static UserSpec of(Args a) throws ModuleException {
        List<String> groups = null;
        if (a.has("groups")) {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (String g : a.strings("groups")) {
                for (String part : g.split(",")) {
                    if (!part.isBlank()) {
                        names.add(part.strip());
                    }
                }
            }
            groups = new ArrayList<>(names);
        }
        return new UserSpec(a.string("name"), a.has("uid") ? a.integer("uid") : null, a.bool("non_unique"), text(a, "group"), groups,
                a.bool("append"), text(a, "comment"), text(a, "home"), text(a, "shell"), text(a, "password"),
                a.has("password_lock") ? a.bool("password_lock") : null, a.bool("create_home"), text(a, "skeleton"), text(a, "umask"),
                a.bool("system"), a.bool("move_home"), "always".equals(a.string("update_password")), expires(a),
                a.has("password_expire_min") ? a.integer("password_expire_min") : null,
                a.has("password_expire_max") ? a.integer("password_expire_max") : null, a.bool("local"));
    }

    /** The {@code groups} result: the groups as given, joined with commas (Ansible's {@code ','.join}). */
    String groupsJoined() {
        return String.join(",", groups);
    }

    private static String text(Args a, String name) {
        return a.has(name) ? a.string(name) : null;
    }

    private static Double expires(Args a) throws ModuleException {
        if (!a.has("expires")) {
            return null;
        }
        Object raw = a.raw("expires");
        try {
            return raw instanceof Number n ? n.doubleValue() : Double.valueOf(String.valueOf(raw).strip());
        } catch (NumberFormatException e) {
            throw new ModuleException("argument 'expires' is of type " + (raw instanceof String ? "str" : raw.getClass().getSimpleName())
                    + " and we were unable to convert to float: could not convert string to float: '" + raw + "'");
        }
    }
}
