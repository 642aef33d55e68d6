package io.runbook.engine.vars;

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
public final class VarScope extends AbstractMap<String, Object> implements io.runbook.engine.vars.LazyVariables {
    private final List<Map<String, Object>> layers;
    private final Templar templar;
    /** As Ansible's hostvars: a value that needs a variable these layers do not define stays as written. */
    private final boolean lenient;
    /** With hash_behaviour=merge a mapping merges with the mappings of the same name below it. */
    private final HashBehaviour hash;
    /**
     * A delegated task's scope: the variables its connection to the delegate is made with (its templates see this
     * scope's), null for any other scope.
     */
    private final VarScope connection;

    /** {@code layers} lowest precedence first. */
    public VarScope(List<Map<String, Object>> layers, Templar templar, HashBehaviour hash) {
        this(layers, templar, false, hash);
    }

    public VarScope(List<Map<String, Object>> layers, Templar templar, boolean lenient, HashBehaviour hash) {
        this(layers, templar, lenient, hash, null);
    }

    private VarScope(List<Map<String, Object>> layers, Templar templar, boolean lenient, HashBehaviour hash, VarScope connection) {
        this.layers = new ArrayList<>(layers);
        this.templar = templar;
        this.lenient = lenient;
        this.hash = hash;
        this.connection = connection;
    }

    /** A scope with one more layer on top (a delegated scope's connection variables get it too, below theirs). */
    public VarScope with(Map<String, Object> top) {
        List<Map<String, Object>> l = new ArrayList<>(layers);
        l.add(top);
        return new VarScope(l, templar, lenient, hash,
                connection == null ? null : connection.below().with(top).with(connection.layers.get(connection.layers.size() - 1)));
    }

    /**
     * This scope delegated: the templates see it with {@code below} just above its lowest layer (the defaults every
     * host has, such as {@code ansible_host} its name) and {@code top} above all; the connection's variables
     * ({@link #connection()}) are this scope with {@code connection} on top. A delegated scope's own delegation is
     * replaced ({@link #plain()} is delegated).
     */
    public VarScope delegated(List<Map<String, Object>> below, Map<String, Object> top, Map<String, Object> connection) {
        VarScope plain = plain();
        List<Map<String, Object>> l = new ArrayList<>(plain.layers);
        l.addAll(Math.min(1, l.size()), below);
        l.add(top);
        return new VarScope(l, templar, lenient, hash, plain.with(connection));
    }

    /** The variables the task's connection is made with: a delegated scope's for the delegate, else this scope. */
    public VarScope connection() {
        return connection == null ? this : connection;
    }

    /** The scope before it was delegated (this one when it is not). */
    public VarScope plain() {
        return connection == null ? this : connection.below();
    }

    /** This scope without its top layer. */
    private VarScope below() {
        return new VarScope(layers.subList(0, layers.size() - 1), templar, lenient, hash, null);
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).containsKey(key)) {
                return true;
            }
        }
        return isVarsOfTheTask(key);
    }

    /** Ansible's {@code vars}, the task's variables ({@code vars['app_' + name]}), where no layer has a variable of that name. */
    private boolean isVarsOfTheTask(Object key) {
        return "vars".equals(key) && !lenient;
    }

    @Override
    public Object get(Object key) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Map<String, Object> layer = layers.get(i);
            if (layer.containsKey(key)) {
                Object raw = layer.get(key);
                return resolve((String) key, hash == HashBehaviour.MERGE && raw instanceof Map ? merged(key, i, raw) : raw);
            }
        }
        return isVarsOfTheTask(key) ? this : null;
    }

    /**
     * The mapping {@code top} (layer {@code at}) merged over those of the same name below it, down to the first
     * layer where the name is not a mapping: as Ansible's combine_vars folds its layers bottom up, that value was
     * replaced whole and nothing under it shows.
     */
    private Object merged(Object key, int at, Object top) {
        int from = at;
        for (int i = at - 1; i >= 0; i--) {
            Map<String, Object> layer = layers.get(i);
            if (layer.containsKey(key)) {
                if (!(layer.get(key) instanceof Map)) {
                    break;
                }
                from = i;
            }
        }
        Object out = null;
        for (int i = from; i <= at; i++) {
            if (layers.get(i).containsKey(key)) {
                out = HashBehaviour.merge(out, layers.get(i).get(key));
            }
        }
        return out;
    }

    /**
     * name's value as written in the layer that gives it (merged with those below under hash_behaviour=merge), its
     * templates not rendered, or {@link PyValues#MISSING}: what Ansible hands a lookup plugin as its variables.
     */
    public Object raw(String name) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Map<String, Object> layer = layers.get(i);
            if (layer.containsKey(name)) {
                Object raw = layer.get(name);
                return hash == HashBehaviour.MERGE && raw instanceof Map ? merged(name, i, raw) : raw;
            }
        }
        return PyValues.MISSING;
    }

    /**
     * Whether name's value, as written in the layer that gives it, is null (not a template that renders to null):
     * Ansible's Templar keeps None only for such a variable written alone ({@code "{{ name }}"}).
     */
    public boolean writtenNull(String name) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).containsKey(name)) {
                return layers.get(i).get(name) == null;
            }
        }
        return false;
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
    public Set<String> names() {
        return names(0);
    }

    /** The names the layers from {@code from} (0: the lowest) up give. */
    public Set<String> names(int from) {
        Set<String> keys = new LinkedHashSet<>();
        layers.subList(Math.min(from, layers.size()), layers.size()).forEach(l -> keys.addAll(l.keySet()));
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
