package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import java.util.List;
import java.util.Set;

/**
 * Reads a task's loop: {@code loop:} or {@code with_list:} (a plain list), or {@code with_<lookup>:} (a
 * {@link LoopLookup} whose items the lookup makes at run time), with {@code loop_control}.
 */
final class LoopParser {
    static final Set<String> KEYS = Set.of("loop", "loop_control");
    static final Set<String> LOOP_CONTROL_KEYS = Set.of("loop_var", "index_var", "label", "pause", "extended",
            "extended_allitems", "break_when");

    /** The loop as read: its value (a plain value or a {@link LoopLookup}), where it is written, and its control. */
    record Parsed(Object value, SourcePosition position, LoopControl control) {
    }

    private LoopParser() {
    }

    static boolean isLoopKey(String key) {
        return key.equals("loop") || key.startsWith("with_") && key.length() > 5;
    }

    static Parsed read(YMap map) {
        YMap.Entry found = null;
        for (YMap.Entry e : map.entries()) {
            if (isLoopKey(e.key())) {
                if (found != null) {
                    throw new UserError(e.keyPosition(), "a task has one loop, but this one has '" + found.key() + "' and '"
                            + e.key() + "'");
                }
                found = e;
            }
        }
        LoopControl lc = map.get("loop_control").map(LoopParser::loopControl).orElse(LoopControl.DEFAULT);
        if (found == null) {
            return new Parsed(null, null, lc);
        }
        Object value = found.value().toPlain();
        String lookup = found.key().equals("loop") ? null : found.key().substring(5);
        Object loop = lookup == null ? value : new LoopLookup(lookup, value);
        return new Parsed(loop, found.value().position(), lc);
    }

    private static LoopControl loopControl(YNode node) {
        YMap m = NodeReader.map(node, "loop_control");
        NodeReader.onlyKeys(m, LOOP_CONTROL_KEYS, "loop_control");
        double pause = m.get("pause").map(n -> {
            Object v = n.toPlain();
            if (!(v instanceof Number num)) {
                throw new UserError(n.position(), "loop_control.pause must be a number of seconds");
            }
            return num.doubleValue();
        }).orElse(0.0);
        return new LoopControl(m.get("loop_var").map(n -> NodeReader.string(n, "loop_var")).orElse("item"),
                m.get("index_var").map(n -> NodeReader.string(n, "index_var")).orElse(null),
                m.get("label").map(n -> NodeReader.string(n, "label")).orElse(null), pause,
                m.get("extended").map(n -> NodeReader.bool(n, "extended")).orElse(false),
                m.get("extended_allitems").map(n -> NodeReader.bool(n, "extended_allitems")).orElse(true));
    }

    static List<String> keys() {
        return List.copyOf(KEYS);
    }
}
