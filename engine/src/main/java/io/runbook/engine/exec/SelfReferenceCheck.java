package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.ExplainedVar;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.playbook.VarsFile;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before anything runs: variables that need themselves ({@code a: "{{ b }}", b: "{{ a }}"}, or {@code a: "x{{ a }}"})
 * are an input error naming the chain and where each link is set, unless an extra var replaces one of them. The
 * variables a host of a play sees are checked together, as the run would merge them: the inventory's (inline,
 * {@code group_vars}, {@code host_vars}), then the play's {@code vars}, then its {@code vars_files} (those whose
 * names are templates are read, and checked, when the play starts). Hosts outside {@code --limit} and plays whose
 * pattern is a template only have their play's own variables checked.
 */
public final class SelfReferenceCheck {
    private static final String PLAY_VARS = "the play's vars";

    /** A variable as written: its value and where it was set. */
    private record Written(Object value, SourcePosition position, String layer) {
    }

    private SelfReferenceCheck() {
    }

    public static void check(Playbook playbook, Inventory inventory, RunOptions options) {
        Templar templar = new Templar();
        Set<String> limited = options.limit() == null ? null
                : new HashSet<>(inventory.select(options.limit(), SourcePosition.of("--limit")).names());
        for (Play play : playbook.plays()) {
            Map<String, Written> own = playVars(play);
            find(templar, own, options, null);
            if (inventory == null) {
                continue;
            }
            for (String host : hosts(play, inventory, limited)) {
                Map<String, Written> all = new LinkedHashMap<>();
                for (ExplainedVar v : inventory.explain(host)) {
                    all.put(v.name(), new Written(v.value(), v.origin().position(), v.origin().layer()));
                }
                all.putAll(own);
                find(templar, all, options, host);
            }
        }
    }

    /** The play's vars, then its vars_files whose names are not templates, later ones winning. */
    private static Map<String, Written> playVars(Play play) {
        Map<String, Written> out = new LinkedHashMap<>();
        play.vars().forEach((name, value) -> out.put(name,
                new Written(value, play.varPositions().getOrDefault(name, play.position()), PLAY_VARS)));
        for (VarsFile vf : play.varsFiles()) {
            if (vf.candidates().stream().anyMatch(c -> c.contains("{{") || c.contains("{%"))) {
                continue;
            }
            vf.candidates().stream().map(c -> play.baseDir().resolve(c).normalize()).filter(Files::isRegularFile)
                    .findFirst().ifPresent(file -> out.putAll(varsFile(file)));
        }
        return out;
    }

    private static Map<String, Written> varsFile(Path file) {
        Map<String, Written> out = new LinkedHashMap<>();
        Optional<YNode> doc = YamlLoader.load(file);
        if (doc.isPresent() && doc.get() instanceof YMap map) {
            String layer = "vars_files " + file.getFileName();
            map.entries().forEach(e -> out.put(e.key(), new Written(e.value().toPlain(), e.keyPosition(), layer)));
        }
        return out;
    }

    private static List<String> hosts(Play play, Inventory inventory, Set<String> limited) {
        String pattern = play.hostsText();
        if (pattern.contains("{{") || pattern.contains("{%")) {
            return List.of();
        }
        List<String> out = new ArrayList<>(inventory.select(pattern, play.hostsPosition()).names());
        if (limited != null) {
            out.retainAll(limited);
        }
        return out;
    }

    private static void find(Templar templar, Map<String, Written> written, RunOptions options, String host) {
        Map<String, Object> vars = new LinkedHashMap<>();
        written.forEach((name, w) -> vars.put(name, w.value()));
        vars.keySet().removeAll(options.extraVars().keySet());
        List<String> chain = templar.selfReference(vars);
        if (!chain.isEmpty()) {
            throw new UserError(written.get(chain.get(0)).position(), "variable '" + chain.get(0) + "' refers to itself: "
                    + String.join(" → ", chain) + " (" + where(chain, written) + (host == null ? "" : "; for host " + host) + ")");
        }
    }

    /** "in the play's vars" when one place sets every link, else each link's place. */
    private static String where(List<String> chain, Map<String, Written> written) {
        Set<String> names = new LinkedHashSet<>(chain);
        Set<String> layers = new LinkedHashSet<>();
        Set<Path> files = new LinkedHashSet<>();
        names.forEach(n -> {
            layers.add(written.get(n).layer());
            files.add(written.get(n).position().file());
        });
        if (layers.size() == 1 && files.size() == 1) {
            return "in " + layers.iterator().next();
        }
        List<String> places = new ArrayList<>();
        for (String n : names) {
            Written w = written.get(n);
            places.add(n + " at " + w.position() + " in " + w.layer());
        }
        return String.join(", ", places);
    }
}
