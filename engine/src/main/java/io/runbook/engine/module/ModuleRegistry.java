package io.runbook.engine.module;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The modules found with {@link ServiceLoader}, by name. A module is known as its short name; a playbook
 * may prefix it with a collection-style name ({@code runbook.k8s_apply}, {@code ansible.builtin.debug}).
 */
public final class ModuleRegistry {
    private final Map<String, Module> modules = new TreeMap<>();

    public ModuleRegistry(Iterable<Module> found) {
        for (Module m : found) {
            modules.putIfAbsent(m.name(), m);
        }
    }

    /** Every module on the class path. */
    public static ModuleRegistry load() {
        return new ModuleRegistry(ServiceLoader.load(Module.class));
    }

    /** The module named (with or without a {@code namespace.collection.} prefix). */
    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(shortName(name)));
    }

    public Collection<String> names() {
        return modules.keySet();
    }

    public Collection<Module> all() {
        return modules.values();
    }

    /** {@code ansible.builtin.debug} → {@code debug}. */
    public static String shortName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
