package io.runbook.engine.playbook;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a task or block of a role came from: the role, and the chain of roles that led to it (the role that
 * depends on it or includes it, and theirs), outermost first. The chain decides which other roles' variables
 * and parameters the task sees, as Ansible's dependency chain does. {@code includers} are the roles whose
 * include_role/import_role led here, innermost first: Ansible's {@code ansible_parent_role_names}, which a dependency
 * link does not add to.
 */
public record RoleScope(Role role, List<Role> chain, List<Role> includers) {
    public RoleScope {
        chain = List.copyOf(chain);
        includers = List.copyOf(includers);
    }

    /** The scope of a role that this one includes or imports (include_role/import_role). */
    public RoleScope enter(Role inner) {
        List<Role> by = new ArrayList<>();
        by.add(role);
        by.addAll(includers);
        return new RoleScope(inner, longer(), by);
    }

    /** The scope of a role this one depends on (meta/main.yml): the includers stay those of this role. */
    public RoleScope depend(Role inner) {
        return new RoleScope(inner, longer(), includers);
    }

    private List<Role> longer() {
        List<Role> next = new ArrayList<>(chain);
        next.add(role);
        return next;
    }

    /** The scope of a role used outside any role. */
    public static RoleScope top(Role role) {
        return new RoleScope(role, List.of(), List.of());
    }
}
