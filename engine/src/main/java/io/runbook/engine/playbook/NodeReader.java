package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.vars.VariableNames;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads typed values out of positioned YAML, failing with the place and what was expected. */
final class NodeReader {
    private NodeReader() {
    }

    static YMap map(YNode node, String what) {
        if (node instanceof YMap m) {
            return m;
        }
        throw new UserError(node.position(), what + " must be a mapping, got " + node.describe());
    }

    static YList list(YNode node, String what) {
        if (node instanceof YList l) {
            return l;
        }
        if (node instanceof YScalar s && s.isNull()) {
            return new YList(List.of(), node.position());
        }
        throw new UserError(node.position(), what + " must be a list, got " + node.describe());
    }

    static String string(YNode node, String what) {
        if (node instanceof YScalar s && s.value() != null) {
            return s.value() instanceof String str ? str : s.text();
        }
        throw new UserError(node.position(), what + " must be a string, got " + node.describe());
    }

    static Boolean bool(YNode node, String what) {
        if (node instanceof YScalar s) {
            Boolean b = ArgValidator.parseBool(s.value());
            if (b != null) {
                return b;
            }
            if (s.value() instanceof String str && str.contains("{{")) {
                throw new UserError(node.position(), what + " must be a literal boolean here; templates are not supported for it");
            }
        }
        throw new UserError(node.position(), what + " must be a boolean (yes/no, true/false), got " + node.describe());
    }

    static Map<String, Object> plainMap(YNode node, String what) {
        if (node instanceof YScalar s && s.isNull()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map(node, what).toPlain();
        return m;
    }

    /** A condition list: a string, a boolean, or a list of them (all must hold). */
    static List<Expr> conditions(YNode node, String what) {
        List<Expr> out = new ArrayList<>();
        List<YNode> items = node instanceof YList l ? l.items() : List.of(node);
        for (YNode item : items) {
            if (!(item instanceof YScalar s) || s.isNull()) {
                throw new UserError(item.position(), what + " must be an expression or a list of expressions, got " + item.describe());
            }
            out.add(new Expr(s.value() instanceof Boolean b ? b.toString() : s.text(), item.position()));
        }
        return out;
    }

    /** Tags: a string (comma separated), a number, or a list of them. */
    static Set<String> tags(YNode node) {
        Set<String> out = new LinkedHashSet<>();
        List<YNode> items = node instanceof YList l ? l.items() : List.of(node);
        for (YNode item : items) {
            if (!(item instanceof YScalar s) || s.isNull()) {
                throw new UserError(item.position(), "tags must be strings or a list of strings, got " + item.describe());
            }
            for (String t : s.text().split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        }
        return out;
    }

    /** Names to notify/listen: a string or a list of strings. */
    static List<String> names(YNode node, String what) {
        List<String> out = new ArrayList<>();
        List<YNode> items = node instanceof YList l ? l.items() : List.of(node);
        for (YNode item : items) {
            out.add(string(item, what));
        }
        return out;
    }

    /** Fails on the first key of {@code map} that is not in {@code known}, suggesting the nearest. */
    static void onlyKeys(YMap map, Collection<String> known, String where) {
        for (YMap.Entry e : map.entries()) {
            if (!known.contains(e.key())) {
                throw new UserError(e.keyPosition(), "unknown keyword '" + e.key() + "' in " + where,
                        Suggestions.didYouMean(e.key(), known));
            }
        }
    }

    static Map<String, SourcePosition> keyPositions(YMap map) {
        Map<String, SourcePosition> out = new LinkedHashMap<>();
        map.entries().forEach(e -> out.put(e.key(), e.value().position()));
        return out;
    }

    /** The variable {@code register:} names (null without one): an ASCII identifier that is no Python keyword. */
    static String register(YMap map) {
        Optional<YNode> node = map.get("register");
        if (node.isEmpty()) {
            return null;
        }
        String name = string(node.get(), "register");
        if (!VariableNames.isValid(name)) {
            throw new UserError(node.get().position(), "Invalid variable name in 'register' specified: '" + name + "'",
                    "use letters, digits and '_', not starting with a digit");
        }
        return name;
    }
}
