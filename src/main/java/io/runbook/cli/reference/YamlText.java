package io.runbook.cli.reference;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A default value written as it would be in a playbook (flow style). */
final class YamlText {
    private YamlText() {
    }

    static String of(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(YamlText::of).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> of(e.getKey()) + ": " + of(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }
}
