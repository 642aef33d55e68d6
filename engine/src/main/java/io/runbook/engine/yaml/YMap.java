package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping whose keys are strings, in written order, each key keeping its own position. */
public record YMap(List<Entry> entries, SourcePosition position) implements YNode {

    /** One key/value pair; the key's position is where errors about the key point. */
    /** {@code keyValue}: the key as YAML read it (an Integer for {@code 1234:}), {@code key} its text. */
    public record Entry(String key, SourcePosition keyPosition, YNode value, Object keyValue) {
        /** An entry whose key is the text {@code key}. */
        public Entry(String key, SourcePosition keyPosition, YNode value) {
            this(key, keyPosition, value, key);
        }
    }

    public YMap {
        entries = List.copyOf(entries);
    }

    public Optional<YNode> get(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    public Optional<Entry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }

    /** The same mapping without {@code key}. */
    public YMap without(String key) {
        return new YMap(entries.stream().filter(e -> !e.key().equals(key)).toList(), position);
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>(entries.size());
        entries.forEach(e -> keys.add(e.key()));
        return keys;
    }

    @Override
    public Object toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.put(e.key(), e.value().toPlain());
        }
        return out;
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
