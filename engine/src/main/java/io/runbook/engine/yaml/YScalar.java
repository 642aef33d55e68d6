package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;

/**
 * A scalar: {@code value} is typed as Ansible types it (YAML 1.1; String, Integer, Long, Double, Boolean or
 * null); {@code text} is the text as written; {@code tag} is a local tag such as {@code !vault}, or null.
 */
public record YScalar(Object value, String text, String tag, SourcePosition position) implements YNode {

    @Override
    public Object toPlain() {
        return value;
    }

    public boolean isNull() {
        return value == null;
    }

    @Override
    public String describe() {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a string";
    }
}
