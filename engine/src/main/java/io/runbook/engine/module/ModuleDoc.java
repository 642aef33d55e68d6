package io.runbook.engine.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What a module's reference page says beyond its {@link ArgSpec}: a longer description, what check mode and
 * {@code --diff} do, the result keys, examples and notes. A module ships it as the resource {@code NAME.doc.yml}
 * beside its class (read by {@link Module#doc()}), with these keys (all optional):
 *
 * <pre>
 * description: longer text (Markdown)
 * arguments: {name: description}   # for arguments whose spec has no description
 * check_mode: what a check run does
 * diff: what --diff shows ("none": nothing)
 * results: {key: meaning}          # in the order shown
 * examples: |                      # tasks, as in a playbook
 *   - name: ...
 * notes: [text, ...]
 * guide: modules-k8s.md#anchor     # a hand-written page of docs/ that says more
 * </pre>
 */
public record ModuleDoc(String description, Map<String, String> arguments, String checkMode, String diff,
                        Map<String, String> results, String examples, List<String> notes, String guide) {

    /** No documentation beyond the spec. */
    public static final ModuleDoc NONE = new ModuleDoc("", Map.of(), "", "", Map.of(), "", List.of(), "");

    public ModuleDoc {
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
        notes = List.copyOf(notes);
    }

    /** The resource {@code NAME.doc.yml} beside {@code owner}'s class, or {@link #NONE} when there is none. */
    public static ModuleDoc load(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name + ".doc.yml")) {
            if (in == null) {
                return NONE;
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), owner.getName() + " " + name + ".doc.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the YAML form described above; {@code origin} names it in errors. */
    public static ModuleDoc parse(String yaml, String origin) {
        Object doc = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(yaml);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(origin + ": a mapping is expected");
        }
        for (Object key : map.keySet()) {
            if (!List.of("description", "arguments", "check_mode", "diff", "results", "examples", "notes", "guide").contains(key)) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'");
            }
        }
        return new ModuleDoc(text(map, "description"), texts(map, "arguments", origin), text(map, "check_mode"),
                text(map, "diff"), texts(map, "results", origin), text(map, "examples"), list(map, "notes"), text(map, "guide"));
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v == null ? "" : String.valueOf(v).strip();
    }

    private static Map<String, String> texts(Map<?, ?> map, String key, String origin) {
        Object v = map.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(origin + ": '" + key + "' must be a mapping of names to text");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, t) -> out.put(String.valueOf(k), t == null ? "" : String.valueOf(t).strip()));
        return out;
    }

    private static List<String> list(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> l ? l.stream().map(o -> String.valueOf(o).strip()).toList() : List.of(String.valueOf(v).strip());
    }
}
