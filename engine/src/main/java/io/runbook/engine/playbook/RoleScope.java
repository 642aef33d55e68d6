package io.runbook.engine.playbook;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a task or block of a role came from: the role, and the chain of roles that led to it (the role that
 * depends on it or includes it, and theirs), outermost first. The chain decides which other roles' variables
 * and parameters the task sees, as Ansible's dependency chain does.
 */
public record RoleScope(Role role, List<Role> chain) {
    public RoleScope {
        chain = List.copyOf(chain);
    }

    /** The scope of a role used from inside this one (as a dependency or by include_role/import_role). */
    public RoleScope enter(Role inner) {
        List<Role> next = new ArrayList<>(chain);
        next.add(role);
        return new RoleScope(inner, next);
    }

    /** The scope of a role used outside any role. */
    public static RoleScope top(Role role) {
        return new RoleScope(role, List.of());
    }
}
