package io.runbook.engine.exec;

import io.runbook.engine.vars.Templar;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables one task sees on one host: layers from lowest to highest precedence, looked up lazily
 * (nothing is copied), and values that are themselves templates rendered when read, as Ansible does, so
 * {@code vars: {url: "https://{{ fqdn }}"}} works — also for modules that read variables directly, such as
 * {@code kube_context: "{{ inventory_hostname }}"}. Registered data is marked unsafe and never rendered.
 */
final class VarScope extends AbstractMap<String, Object> implements io.runbook.engine.vars.LazyVariables {
    private final List<Map<String, Object>> layers;
    private final Templar templar;
    /** As Ansible's hostvars: a value that needs a variable these layers do not define stays as written. */
    private final boolean lenient;

    /** {@code layers} lowest precedence first. */
    VarScope(List<Map<String, Object>> layers, Templar templar) {
        this(layers, templar, false);
    }

    VarScope(List<Map<String, Object>> layers, Templar templar, boolean lenient) {
        this.layers = new ArrayList<>(layers);
        this.templar = templar;
        this.lenient = lenient;
    }

    /** A scope with one more layer on top. */
    VarScope with(Map<String, Object> top) {
        List<Map<String, Object>> l = new ArrayList<>(layers);
        l.add(top);
        return new VarScope(l, templar, lenient);
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object get(Object key) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Map<String, Object> layer = layers.get(i);
            if (layer.containsKey(key)) {
                return resolve((String) key, layer.get(key));
            }
        }
        return null;
    }

    private Object resolve(String key, Object raw) {
        if (!Templar.isTemplate(raw)) {
            return raw;
        }
        return lenient ? templar.variableOrRaw(key, raw, this) : templar.variable(key, raw, this);
    }

    /** The names, without rendering any value. */
    @Override
    public Set<String> keySet() {
        Set<String> keys = new LinkedHashSet<>();
        layers.forEach(l -> keys.addAll(l.keySet()));
        return keys;
    }

    /** The names of every variable, without rendering any value. */
    Set<String> names() {
        Set<String> keys = new LinkedHashSet<>();
        layers.forEach(l -> keys.addAll(l.keySet()));
        return keys;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<String> keys = new LinkedHashSet<>();
        layers.forEach(l -> keys.addAll(l.keySet()));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, get(k));
        }
        return out.entrySet();
    }
}
