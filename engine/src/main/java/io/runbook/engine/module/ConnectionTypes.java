package io.runbook.engine.module;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The connection types found on the class path ({@link ConnectionType}), by name. */
public final class ConnectionTypes {
    private final Set<String> names;

    public ConnectionTypes(Iterable<ConnectionType> found) {
        Set<String> all = new LinkedHashSet<>();
        for (ConnectionType t : found) {
            all.addAll(t.names());
        }
        this.names = Set.copyOf(all);
    }

    /** Every connection type on the class path. */
    public static ConnectionTypes load() {
        return new ConnectionTypes(ServiceLoader.load(ConnectionType.class));
    }

    public boolean supports(String name) {
        return names.contains(name);
    }

    /** The names, sorted, for messages. */
    public List<String> names() {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return sorted;
    }
}
