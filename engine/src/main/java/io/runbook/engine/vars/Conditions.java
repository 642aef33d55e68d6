package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.util.Map;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.MapContext;

/** TEMPORARY stand-in until the vars branch lands. */
public final class Conditions {
    private final JexlEngine jexl = new JexlBuilder().strict(true).silent(false).create();

    public boolean test(String expression, Map<String, Object> vars, SourcePosition where) {
        Object v = evaluate(expression, vars, where);
        return v instanceof Boolean b ? b : v != null && !"".equals(v) && !Integer.valueOf(0).equals(v);
    }

    public Object evaluate(String expression, Map<String, Object> vars, SourcePosition where) {
        String e = expression.trim();
        if (e.startsWith("{{") && e.endsWith("}}")) {
            e = e.substring(2, e.length() - 2).trim();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([\\w.]+) is (not )?defined$").matcher(e);
        if (m.matches()) {
            boolean defined;
            try {
                Templar.lookup(m.group(1), vars, where);
                defined = true;
            } catch (UndefinedVariableError err) {
                defined = false;
            }
            return m.group(2) == null ? defined : !defined;
        }
        e = e.replaceAll("(\\w+) is changed", "$1.changed").replaceAll("(\\w+) is failed", "$1.failed")
                .replaceAll("(\\w+) is skipped", "$1.skipped");
        return jexl.createExpression(e).evaluate(new MapContext(new java.util.HashMap<>(vars)));
    }
}
