package io.runbook.engine.inventory;

import java.util.List;

/**
 * Renders {@link Inventory#explain(String)} as a plain-text table for {@code inventory --host X --explain}. The
 * value is the last column and is never cut short, so a long value (a path, a certificate) or a masked one
 * cannot push the other columns out of line.
 */
final class ExplainTable {
    private ExplainTable() {
    }

    static String render(String host, List<ExplainedVar> vars) {
        StringBuilder sb = new StringBuilder("Variables of host '" + host + "' (highest precedence wins):\n");
        if (vars.isEmpty()) {
            return sb.append("  (none)\n").toString();
        }
        int nameWidth = "VARIABLE".length();
        int fromWidth = "SET AT".length();
        int layerWidth = "LAYER".length();
        for (ExplainedVar v : vars) {
            nameWidth = Math.max(nameWidth, v.name().length());
            fromWidth = Math.max(fromWidth, v.origin().position().toString().length());
            layerWidth = Math.max(layerWidth, v.origin().layer().length());
        }
        String format = "%-" + nameWidth + "s  %-" + fromWidth + "s  %-" + layerWidth + "s  %s";
        sb.append(String.format(format, "VARIABLE", "SET AT", "LAYER", "VALUE")).append('\n');
        String pad = " ".repeat(nameWidth + 2);
        for (ExplainedVar v : vars) {
            sb.append(String.format(format, v.name(), v.origin().position(), v.origin().layer(),
                    InventoryJson.compact(v.value()))).append('\n');
            for (int i = v.overridden().size() - 1; i >= 0; i--) {
                VarOrigin o = v.overridden().get(i);
                sb.append(pad).append("replaces ").append(o.position()).append("  ").append(o.layer()).append('\n');
            }
        }
        return sb.toString();
    }
}
