package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The play keywords that may be templates ({@code serial}, {@code max_fail_percentage}, {@code strategy},
 * {@code order}): checked when the playbook is read if written literally, and checked again by the same rules
 * once rendered ({@link #checkStrategy}, {@link #checkOrder}, {@link #toPercentage}, {@link #checkSerialItem}).
 */
public final class PlaySettings {
    public static final Set<String> STRATEGIES = Set.of("linear", "free", "host_pinned", "debug");
    public static final Set<String> ORDERS = Set.of("inventory", "reverse_inventory", "sorted", "reverse_sorted", "shuffle");

    private PlaySettings() {
    }

    static List<Object> serial(YMap map) {
        Optional<YNode> node = map.get("serial");
        if (node.isEmpty() || PlaybookParser.isNull(node.get())) {
            return List.of();
        }
        List<YNode> items = node.get() instanceof YList l ? l.items() : List.of(node.get());
        List<Object> out = new ArrayList<>();
        for (YNode item : items) {
            Object v = item.toPlain();
            if (!isTemplate(v)) {
                checkSerialItem(v, item.position());
            }
            out.add(v);
        }
        return out;
    }

    /** A serial size: a whole number, or a percentage like "25%". */
    public static void checkSerialItem(Object v, SourcePosition where) {
        boolean ok = v instanceof Integer i && i >= 0 || v instanceof String s && s.strip().matches("\\d+(\\.\\d+)?%?");
        if (!ok) {
            throw new UserError(where, "serial must be a number, a percentage like \"25%\", or a list of them, got '" + v + "'");
        }
    }

    static Object percentage(YNode node) {
        Object v = node.toPlain();
        if (!isTemplate(v)) {
            toPercentage(v, node.position());
        }
        return v;
    }

    /** max_fail_percentage: a number from 0 to 100 (a trailing % is allowed). */
    public static double toPercentage(Object v, SourcePosition where) {
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 100) {
            return n.doubleValue();
        }
        if (v instanceof String s && s.strip().matches("\\d+(\\.\\d+)?%?")) {
            double d = Double.parseDouble(s.strip().replace("%", ""));
            if (d <= 100) {
                return d;
            }
        }
        throw new UserError(where, "max_fail_percentage must be a number from 0 to 100, got '" + v + "'");
    }

    static Object strategy(YNode n) {
        Object v = n.toPlain();
        if (!isTemplate(v)) {
            checkStrategy(String.valueOf(v), n.position());
        }
        return v;
    }

    public static String checkStrategy(String s, SourcePosition where) {
        String shortName = s.startsWith("ansible.builtin.") ? s.substring("ansible.builtin.".length()) : s;
        if (!STRATEGIES.contains(shortName)) {
            throw new UserError(where, "unknown strategy '" + s + "'; use linear, free, host_pinned or debug");
        }
        return shortName;
    }

    static Object order(YNode n) {
        Object v = n.toPlain();
        if (!isTemplate(v)) {
            checkOrder(String.valueOf(v), n.position());
        }
        return v;
    }

    public static String checkOrder(String s, SourcePosition where) {
        if (!ORDERS.contains(s)) {
            throw new UserError(where, "unknown host order '" + s + "'; use one of " + String.join(", ", ORDERS.stream().sorted().toList()),
                    io.runbook.engine.error.Suggestions.didYouMean(s, ORDERS));
        }
        return s;
    }

    static boolean isTemplate(Object v) {
        return v instanceof String s && (s.contains("{{") || s.contains("{%"));
    }
}
