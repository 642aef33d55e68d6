package io.runbook.modules.helm;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.SourceFile;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        if (!Files.exists(file)) {
            throw new ModuleException("values file " + file + " does not exist (a relative path is read from the playbook's folder)");
        }
        SourceFile read = ctx.readFile(file);
        String text = isTemplate(file) ? ctx.render(read.text()) : read.text();
        Map<String, Object> values = parse(text, file);
        if (read.vaulted()) {
            // every value of an encrypted values file is a secret, as with an encrypted vars file
            SourceFile.secretStrings(values, ctx::secret);
        }
        return values;
    }

    /**
     * The {@code values_files} a task names literally, read when the playbook is read: a mistake in one stops the run
     * before anything runs, at its place in the file. A file that does not exist yet (an earlier task may write it) or is
     * a {@code .mustache} template waits for the task.
     */
    static void checkWritten(io.runbook.engine.module.WrittenArgs args) {
        if (!(args.literal("values_files").orElse(null) instanceof List<?> files)) {
            return;
        }
        for (Object entry : files) {
            if (entry == null || io.runbook.engine.module.ArgValidator.isTemplate(entry)) {
                continue;
            }
            Path file = args.resolve(String.valueOf(entry));
            if (!isTemplate(file) && Files.isRegularFile(file)) {
                parse(SourceFile.read(file).text(), file);
            }
        }
    }

    /** Whether a values file is rendered with the host's variables before it is read as YAML. */
    static boolean isTemplate(Path file) {
        return file.getFileName().toString().endsWith(".mustache");
    }

    /**
     * The values of a values file's text: a mapping (or nothing). The engine's YAML reader names the place of a
     * mistake without quoting the line, which may hold a secret.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text, Path file) {
        List<YNode> docs = YamlLoader.loadManifests(text, file);
        if (docs.size() > 1) {
            throw new UserError(docs.get(1).position(), "a values file holds one YAML document, this one has " + docs.size());
        }
        if (docs.isEmpty() || docs.get(0) instanceof YScalar s && s.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!(docs.get(0) instanceof YMap map)) {
            throw new UserError(docs.get(0).position(), "a values file must hold a mapping of values at the top, not "
                    + docs.get(0).describe());
        }
        return stringKeys((Map<String, Object>) map.toPlain());
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
        return split(key, '.');
    }

    /** {@code text} split at each {@code separator} that no backslash escapes ({@code \.} is a literal dot). */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == separator) {
                current.append(separator);
                i++;
            } else if (c == separator) {
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
}
