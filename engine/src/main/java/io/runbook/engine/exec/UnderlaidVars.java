package io.runbook.engine.exec;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A host's connection variables with the command line's passwords below them ({@code -k}, {@code -K}): what the
 * connection logs in and becomes with, while no task sees them as variables, as in Ansible, whose play context holds
 * them (a host's own {@code ansible_password} wins, as a variable wins over the command line there).
 */
final class UnderlaidVars extends AbstractMap<String, Object> {
    private final Map<String, Object> vars;
    private final Map<String, Object> below;

    UnderlaidVars(Map<String, Object> vars, Map<String, Object> below) {
        this.vars = vars;
        this.below = below;
    }

    @Override
    public Object get(Object key) {
        Object value = vars.get(key);
        return value != null || vars.containsKey(key) ? value : below.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return vars.containsKey(key) || below.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>(below);
        all.putAll(vars);
        return all.entrySet();
    }
}
