package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inventory group after loading: its direct hosts and child groups in declaration order, its inline vars,
 * its {@code ansible_group_priority} and its depth ({@code all} is 0, a child of {@code all} is 1, a group
 * is one deeper than its deepest parent).
 */
record Group(String name, SourcePosition position, List<String> hosts, List<String> children, int priority, int depth,
        Map<String, PositionedValue> vars) {
    Group {
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }
}
