package io.runbook.engine.inventory;

import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Resolves a {@link HostPattern} against an inventory, as Ansible's InventoryManager does. */
final class PatternResolver {
    private final Inventory inventory;
    private final List<String> warnings = new ArrayList<>();

    PatternResolver(Inventory inventory) {
        this.inventory = inventory;
    }

    List<String> warnings() {
        return warnings;
    }

    /**
     * The host names selected, in the order Ansible's {@code _evaluate_patterns} gives them: the unions in the order
     * they are written (each term's hosts in its own order, a host already selected left where it was), then the
     * intersections and exclusions, which keep the order of what they filter.
     */
    Set<String> resolve(HostPattern pattern) {
        List<PatternTerm> unions = ofOp(pattern, PatternTerm.Op.UNION);
        Set<String> hosts = new LinkedHashSet<>();
        if (unions.isEmpty()) {
            hosts.addAll(inventory.hostsOf(Inventory.ALL));
        }
        for (PatternTerm t : unions) {
            hosts.addAll(match(t, pattern));
        }
        for (PatternTerm t : ofOp(pattern, PatternTerm.Op.INTERSECT)) {
            hosts.retainAll(new HashSet<>(match(t, pattern)));
        }
        for (PatternTerm t : ofOp(pattern, PatternTerm.Op.EXCLUDE)) {
            match(t, pattern).forEach(hosts::remove);
        }
        return hosts;
    }

    private static List<PatternTerm> ofOp(HostPattern pattern, PatternTerm.Op op) {
        return pattern.terms().stream().filter(t -> t.op() == op).toList();
    }

    /**
     * The hosts of one term as Ansible's {@code _enumerate_matches} lists them: a host's own name alone; else the hosts
     * of each matching group (groups in inventory order), then the matching hosts (in inventory order). A host met twice
     * stays twice until the subscript is applied, so {@code web*[3]} counts as Ansible's does.
     */
    private List<String> match(PatternTerm term, HostPattern pattern) {
        List<String> found = new ArrayList<>();
        boolean groupMatched = false;
        if (!term.regex() && !term.hasSubscript() && inventory.host(term.expr()).filter(h -> !h.implicit()).isPresent()) {
            return List.of(term.expr());
        }
        for (String group : inventory.groupNames()) {
            if (term.matches(group)) {
                groupMatched = true;
                found.addAll(inventory.hostsOf(group));
            }
        }
        if (!groupMatched || term.alsoMatchesHosts()) {
            for (Host h : inventory.hosts()) {
                if (term.matches(h.name())) {
                    found.add(h.name());
                }
            }
        }
        if (found.isEmpty() && Inventory.LOCALHOST.contains(term.expr())) {
            found.add(term.expr());
        }
        if (found.isEmpty() && !groupMatched && !term.expr().equals(Inventory.ALL)) {
            warnings.add("Could not match supplied host pattern, ignoring: " + term.expr());
        }
        List<String> picked = term.hasSubscript() ? subscript(found, term, pattern) : found;
        return List.copyOf(new LinkedHashSet<>(picked));
    }

    private static List<String> subscript(List<String> hosts, PatternTerm term, HostPattern pattern) {
        int n = hosts.size();
        if (term.end() == null) {
            int i = term.start() < 0 ? n + term.start() : term.start();
            if (n == 0) {
                throw new UserError(pattern.where(), "no hosts matched the subscripted pattern '" + term.text() + "': '"
                        + term.expr() + "' matches no host or group", "brackets in a pattern are a subscript; "
                        + "host ranges such as 'cp-[1:3]' only expand in inventories, so select them with 'cp-*'");
            }
            if (i < 0 || i >= n) {
                throw new UserError(pattern.where(), "no hosts matched the subscripted pattern '" + term.text()
                        + "': '" + term.expr() + "' has " + n + " host" + (n == 1 ? "" : "s")
                        + " (indexes 0 to " + (n - 1) + ")");
            }
            return List.of(hosts.get(i));
        }
        int from = Math.min(term.start(), n);
        int to = term.end() == -1 ? n : Math.min(term.end() + 1, n);
        return from >= to ? List.of() : hosts.subList(from, to);
    }
}
