package io.runbook.engine.playbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The roles a play has loaded, by name and parameters ({@link RoleRequest#cacheKey()}), as Ansible's ROLE_CACHE:
 * the same role with the same parameters is one object. Used while parsing and by include_role at run time, so a
 * dependency shared by included roles still runs once.
 */
public final class RoleCache {
    private final Map<List<Object>, Role> roles = new HashMap<>();

    synchronized Role get(List<Object> key) {
        return roles.get(key);
    }

    synchronized void put(List<Object> key, Role role) {
        roles.put(key, role);
    }

    /** A copy for one run of the play, so run-time includes do not change the parsed playbook. */
    public synchronized RoleCache copy() {
        RoleCache c = new RoleCache();
        c.roles.putAll(roles);
        return c;
    }

    synchronized List<Role> all() {
        return new ArrayList<>(roles.values());
    }
}
