package io.runbook.engine.vars;

/** A float as Python writes it (its repr, which json.dumps uses too): {@code 1796295878.219759}, {@code 1e+16}, {@code 0.0001}. */
public final class PythonFloat {
    private PythonFloat() {
    }

    public static String text(double d) {
        return PyNumbers.floatText(d);
    }
}
