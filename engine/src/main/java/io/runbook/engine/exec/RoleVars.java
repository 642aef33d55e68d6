package io.runbook.engine.exec;

import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.RoleScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The variables roles contribute, merged as Ansible's Role.get_default_vars/get_vars/get_role_params do: a role
 * sees its dependencies' defaults and vars, the defaults, vars and parameters of the roles that led to it (its
 * dependency chain), then its own. Computed once per scope.
 */
final class RoleVars {
    private final Map<RoleScope, Map<String, Object>> defaults = new ConcurrentHashMap<>();
    private final Map<RoleScope, Map<String, Object>> vars = new ConcurrentHashMap<>();
    private final Map<RoleScope, Map<String, Object>> params = new ConcurrentHashMap<>();

    /** Defaults seen by a task of {@code scope}: dependencies', the chain's, its own. */
    Map<String, Object> defaults(RoleScope scope) {
        return defaults.computeIfAbsent(scope, s -> {
            Map<String, Object> out = ownDefaults(s.role());
            s.chain().forEach(parent -> out.putAll(parent.defaults()));
            out.putAll(s.role().defaults());
            return out;
        });
    }

    /** Role vars seen by a task of {@code scope}: the chain's, dependencies', its vars keyword and vars/. */
    Map<String, Object> vars(RoleScope scope) {
        return vars.computeIfAbsent(scope, s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Role parent : s.chain()) {
                out.putAll(parent.varsKeyword());
                out.putAll(parent.vars());
            }
            out.putAll(ownVars(s.role()));
            return out;
        });
    }

    /** Role parameters seen by a task of {@code scope}: the chain's, then its own. */
    Map<String, Object> params(RoleScope scope) {
        return params.computeIfAbsent(scope, s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            s.chain().forEach(parent -> out.putAll(parent.params()));
            out.putAll(s.role().params());
            return out;
        });
    }

    /** What the play's public roles (roles:, import_role, public include_role) give every task: their defaults. */
    static Map<String, Object> publicDefaults(List<Role> roles) {
        Map<String, Object> out = new LinkedHashMap<>();
        roles.forEach(r -> out.putAll(ownDefaults(r)));
        return out;
    }

    /** ...and their vars (without parameters). */
    static Map<String, Object> publicVars(List<Role> roles) {
        Map<String, Object> out = new LinkedHashMap<>();
        roles.forEach(r -> out.putAll(ownVars(r)));
        return out;
    }

    private static Map<String, Object> ownDefaults(Role role) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Role dep : role.allDependencies()) {
            out.putAll(ownDefaults(dep));
        }
        out.putAll(role.defaults());
        return out;
    }

    private static Map<String, Object> ownVars(Role role) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Role dep : role.allDependencies()) {
            out.putAll(ownVars(dep));
        }
        out.putAll(role.varsKeyword());
        out.putAll(role.vars());
        return out;
    }
}
