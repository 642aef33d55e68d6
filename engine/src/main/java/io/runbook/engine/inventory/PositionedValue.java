package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain variable value with the position of the key that set it. Maps and lists are made unmodifiable
 * (order kept, nulls allowed) so no caller can change a value other hosts share.
 */
record PositionedValue(Object value, SourcePosition position) {
    PositionedValue {
        value = frozen(value);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, frozen(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
