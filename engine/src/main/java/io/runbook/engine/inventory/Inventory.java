package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.yaml.YamlLoader;
import io.runbook.engine.yaml.YNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** TEMPORARY stand-in until the inventory branch lands: one YAML file, groups one level deep. */
public final class Inventory {
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> vars = new LinkedHashMap<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    public static Inventory load(List<String> sources, Path playbookDir) {
        Inventory inv = new Inventory();
        inv.groups.put("all", new ArrayList<>());
        inv.groups.put("ungrouped", new ArrayList<>());
        for (String s : sources) {
            Optional<YNode> doc = YamlLoader.load(Path.of(s));
            Map<String, Object> root = (Map<String, Object>) doc.map(YNode::toPlain).orElse(Map.of());
            Map<String, Object> all = (Map<String, Object>) root.getOrDefault("all", Map.of());
            Map<String, Object> allVars = (Map<String, Object>) all.getOrDefault("vars", Map.of());
            Map<String, Object> children = (Map<String, Object>) all.getOrDefault("children", Map.of());
            inv.addGroup("ungrouped", all, allVars, Map.of());
            for (Map.Entry<String, Object> g : children.entrySet()) {
                Map<String, Object> group = (Map<String, Object>) (g.getValue() == null ? Map.of() : g.getValue());
                inv.addGroup(g.getKey(), group, allVars, (Map<String, Object>) group.getOrDefault("vars", Map.of()));
            }
        }
        return inv;
    }

    @SuppressWarnings("unchecked")
    private void addGroup(String name, Map<String, Object> group, Map<String, Object> allVars, Map<String, Object> groupVars) {
        groups.putIfAbsent(name, new ArrayList<>());
        Map<String, Object> hs = (Map<String, Object>) group.getOrDefault("hosts", Map.of());
        for (Map.Entry<String, Object> h : hs.entrySet()) {
            Map<String, Object> v = vars.computeIfAbsent(h.getKey(), k -> new LinkedHashMap<>(allVars));
            v.putAll(groupVars);
            if (h.getValue() instanceof Map<?, ?> hv) {
                v.putAll((Map<String, Object>) hv);
            }
            Host prev = hosts.get(h.getKey());
            List<String> gs = new ArrayList<>(prev == null ? List.of("all") : prev.groups());
            gs.add(name);
            hosts.put(h.getKey(), new Host(h.getKey(), gs));
            groups.get(name).add(h.getKey());
            if (!groups.get("all").contains(h.getKey())) {
                groups.get("all").add(h.getKey());
            }
        }
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Map<String, Object> hostVars(String host) {
        return vars.getOrDefault(host, Map.of());
    }

    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    public List<String> hostsOf(String group) {
        return groups.getOrDefault(group, List.of());
    }

    public HostSelection select(String pattern, SourcePosition where) {
        List<Host> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String term : pattern.split("[:,]")) {
            if (term.equals("all") || term.equals("*")) {
                hosts.values().forEach(h -> { if (!out.contains(h)) out.add(h); });
            } else if (groups.containsKey(term)) {
                groups.get(term).forEach(n -> { if (!out.contains(hosts.get(n))) out.add(hosts.get(n)); });
            } else if (hosts.containsKey(term)) {
                if (!out.contains(hosts.get(term))) out.add(hosts.get(term));
            } else {
                warnings.add("Could not match supplied host pattern, ignoring: " + term);
            }
        }
        return new HostSelection(out, warnings);
    }

    public String toListJson() {
        return io.runbook.engine.report.Json.pretty(Map.of("_meta", Map.of("hostvars", vars)));
    }

    public String toHostJson(String host) {
        return io.runbook.engine.report.Json.pretty(hostVars(host));
    }

    public String explainText(String host) {
        return toHostJson(host);
    }

    public List<String> warnings() {
        return List.of();
    }
}
