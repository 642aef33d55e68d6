package io.runbook.engine.exec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instances of one {@code include_tasks}/{@code include_role} over the hosts, grouped as Ansible groups its
 * included files: hosts share an instance when they include the same file (or role) with equal parameters (the loop
 * variable's name and value, the index variable, {@code ansible_loop}, the item's label); a host's next item goes
 * to the first such instance it is not in yet, else to a new one at the end. Instances run in the order they were
 * made.
 */
final class IncludeInstances {
    /** One instance: its file or role, the parameters its hosts share, and a count among equal ones. */
    record Instance(String target, Map<String, Object> params, String label, int copy) {
    }

    /** What one host brings to an instance: its parameters and the index of its loop item (for task ids). */
    record Use(Map<String, Object> params, int index) {
    }

    private final Map<Instance, Map<HostState, Use>> instances = new LinkedHashMap<>();

    void add(HostState host, String target, Map<String, Object> params, String label, int index) {
        for (int copy = 0; ; copy++) {
            Map<HostState, Use> hosts = instances.computeIfAbsent(new Instance(target, params, label, copy),
                    k -> new LinkedHashMap<>());
            if (!hosts.containsKey(host)) {
                hosts.put(host, new Use(params, index));
                return;
            }
        }
    }

    /** Takes the host out of every instance (the task debugger runs the include again on it). */
    void remove(HostState host) {
        instances.values().forEach(hosts -> hosts.remove(host));
        instances.values().removeIf(Map::isEmpty);
    }

    /** Each instance with its hosts, in the order they were made. */
    Map<Instance, Map<HostState, Use>> all() {
        return instances;
    }
}
