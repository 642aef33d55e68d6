package io.runbook.engine.vars;

import java.util.Collection;
import java.util.Map;

/** Names the kind of a value the way a playbook author thinks of it, for error messages. */
final class Describe {
    private Describe() {
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof Collection<?> || value.getClass().isArray()) {
            return "a list";
        }
        return "a value";
    }

    /** ": cause" for an unexpected library exception, left out when it would show Java internals. */
    static String reason(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.contains("java.") || message.contains("class ")) {
            return "";
        }
        return ": " + message.lines().findFirst().orElse("");
    }
}
