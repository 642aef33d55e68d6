package io.runbook.engine.exec;

import io.runbook.engine.vars.VarScope;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A delegated task's connection variables: {@code fixed} (the host's hidden ones as null, the task's connection
 * keywords, ...) under the delegate's own ({@code theirs}), which are rendered with the delegate's variables when the
 * connection reads them, as ansible-core's TaskExecutor renders its {@code cvars} (the delegate's hostvars, their
 * {@code inventory_hostname} the task's host's): a delegate's {@code ansible_port: "{{ ssh_port }}"} is its own
 * {@code ssh_port}, not the host's. Each is rendered once.
 */
final class DelegateConnection extends AbstractMap<String, Object> {
    private final Map<String, Object> fixed;
    private final Set<String> theirs;
    private final VarScope their;
    private final Map<String, Object> rendered = new LinkedHashMap<>();

    DelegateConnection(Map<String, Object> fixed, Set<String> theirs, VarScope their) {
        this.fixed = fixed;
        this.theirs = theirs;
        this.their = their;
    }

    @Override
    public boolean containsKey(Object key) {
        return theirs.contains(key) || fixed.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        if (!theirs.contains(key)) {
            return fixed.get(key);
        }
        synchronized (rendered) {
            if (!rendered.containsKey(key)) {
                rendered.put((String) key, their.get(key));
            }
            return rendered.get(key);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<String> keys = new LinkedHashSet<>(fixed.keySet());
        keys.addAll(theirs);
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(k -> out.put(k, get(k)));
        return out.entrySet();
    }
}
