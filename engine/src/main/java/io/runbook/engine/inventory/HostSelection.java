package io.runbook.engine.inventory;

import java.util.List;

/**
 * The hosts a pattern selected, in the pattern's order without duplicates, and the warnings the caller should
 * print (such as {@code Could not match supplied host pattern, ignoring: X}). An empty selection is not an
 * error: a play with no hosts is skipped.
 */
public record HostSelection(List<Host> hosts, List<String> warnings) {
    public HostSelection {
        hosts = List.copyOf(hosts);
        warnings = List.copyOf(warnings);
    }

    public List<String> names() {
        return hosts.stream().map(Host::name).toList();
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }
}
