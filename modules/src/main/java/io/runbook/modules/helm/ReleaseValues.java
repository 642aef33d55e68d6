package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The user-supplied values of a release, merged as Helm merges {@code -f} files and {@code --set}: each
 * {@code values_files} entry in order ({@code .mustache} files rendered with the host's variables first),
 * then {@code values}, then {@code set} (dotted keys, {@code \.} for a literal dot). Mappings merge key by
 * key; any other value replaces. Helm gets the result as one file and stores it as the release's config,
 * which is what the next run compares with.
 */
final class ReleaseValues {
    private ReleaseValues() {
    }

    static Map<String, Object> merge(ModuleContext ctx, List<Path> files, Map<String, Object> values,
                                     Map<String, Object> set) throws ModuleException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Path file : files) {
            deepMerge(out, readFile(ctx, file));
        }
        if (values != null) {
            deepMerge(out, stringKeys(values));
        }
        if (set != null) {
            for (Map.Entry<String, Object> e : set.entrySet()) {
                setPath(out, splitKey(e.getKey()), e.getValue());
            }
        }
        return out;
    }

    static Map<String, Object> readFile(ModuleContext ctx, Path file) throws ModuleException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ModuleException("cannot read values file " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (file.getFileName().toString().endsWith(".mustache")) {
            text = ctx.render(text);
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (RuntimeException e) {
            // the parser's message quotes the offending line, which may hold a secret: name the place only
            throw new ModuleException("values file " + file + " is not valid YAML" + position(e.getMessage()));
        }
        if (doc == null) {
            return new LinkedHashMap<>();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ModuleException("values file " + file + " must hold a mapping at the top, not " + doc.getClass().getSimpleName());
        }
        return stringKeys(map);
    }

    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> existing) {
                deepMerge((Map<String, Object>) existing, stringKeys(m));
            } else {
                into.put(k, v instanceof Map<?, ?> m ? stringKeys(m) : v);
            }
        });
    }

    static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length() && key.charAt(i + 1) == '.') {
                current.append('.');
                i++;
            } else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void setPath(Map<String, Object> root, List<String> path, Object value) {
        Map<String, Object> node = root;
        for (String part : path.subList(0, path.size() - 1)) {
            Object next = node.get(part);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                node.put(part, next);
            }
            node = (Map<String, Object>) next;
        }
        node.put(path.get(path.size() - 1), value instanceof Map<?, ?> m ? stringKeys(m) : value);
    }

    /** A deep copy with string keys (YAML may give other key types). */
    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
        return out;
    }

    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return stringKeys(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    private static String position(String message) {
        if (message == null) {
            return "";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)").matcher(message);
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }
}
