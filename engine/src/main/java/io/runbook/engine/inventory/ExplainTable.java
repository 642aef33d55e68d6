package io.runbook.engine.inventory;

import java.util.List;

/** Renders {@link Inventory#explain(String)} as a plain-text table for {@code inventory --host X --explain}. */
final class ExplainTable {
    private static final int MAX_VALUE = 48;

    private ExplainTable() {
    }

    static String render(String host, List<ExplainedVar> vars) {
        StringBuilder sb = new StringBuilder("Variables of host '" + host + "' (highest precedence wins):\n");
        if (vars.isEmpty()) {
            return sb.append("  (none)\n").toString();
        }
        int nameWidth = "VARIABLE".length();
        int valueWidth = "VALUE".length();
        int fromWidth = "SET AT".length();
        for (ExplainedVar v : vars) {
            nameWidth = Math.max(nameWidth, v.name().length());
            valueWidth = Math.max(valueWidth, value(v).length());
            fromWidth = Math.max(fromWidth, v.origin().position().toString().length());
        }
        String format = "%-" + nameWidth + "s  %-" + valueWidth + "s  %-" + fromWidth + "s  %s";
        sb.append(String.format(format, "VARIABLE", "VALUE", "SET AT", "LAYER").stripTrailing()).append('\n');
        for (ExplainedVar v : vars) {
            sb.append(String.format(format, v.name(), value(v), v.origin().position(), v.origin().layer())).append('\n');
            for (int i = v.overridden().size() - 1; i >= 0; i--) {
                VarOrigin o = v.overridden().get(i);
                String pad = " ".repeat(nameWidth + valueWidth + 4);
                sb.append(pad).append("replaces ").append(o.position()).append("  ").append(o.layer()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String value(ExplainedVar v) {
        String s = InventoryJson.compact(v.value());
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE - 3) + "...";
    }
}
