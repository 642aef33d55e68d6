package io.runbook.engine.module;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The connection types found on the class path ({@link ConnectionType}), by name. */
public final class ConnectionTypes {
    private final Set<String> names;
    private final List<ConnectionType> types = new ArrayList<>();
    /** Whether a Python connection plugin of a name is found (io.runbook.engine.pyplugin.ConnectionPlugins#has). */
    private java.util.function.Predicate<String> plugin = name -> false;

    public ConnectionTypes(Iterable<ConnectionType> found) {
        Set<String> all = new LinkedHashSet<>();
        for (ConnectionType t : found) {
            all.addAll(t.names());
            types.add(t);
        }
        this.names = Set.copyOf(all);
    }

    /** The first problem a connection type finds with how {@code variable} is written, or null ({@link ConnectionType#problem}). */
    public String problem(String variable, Object value) {
        for (ConnectionType t : types) {
            String p = t.problem(variable, value);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** Every connection type on the class path. */
    public static ConnectionTypes load() {
        return new ConnectionTypes(ServiceLoader.load(ConnectionType.class));
    }

    /** These types, and the Python connection plugins {@code found} says are found by name. */
    public ConnectionTypes withPlugins(java.util.function.Predicate<String> found) {
        ConnectionTypes with = new ConnectionTypes(types);
        with.plugin = found;
        return with;
    }

    /**
     * Whether a type answers to {@code name}: one of its names, or the collection name of one of its plugins; or a
     * Python connection plugin of that name is found ({@link #withPlugins}).
     */
    public boolean supports(String name) {
        return types.stream().anyMatch(t -> t.resolve(name) != null) || plugin.test(name);
    }

    /** The names, sorted, for messages. */
    public List<String> names() {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return sorted;
    }
}
