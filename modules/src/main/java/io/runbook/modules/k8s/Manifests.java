package io.runbook.modules.k8s;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.SourceFile;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects a task declares: a {@code definition} (a mapping, a list, or a multi-document YAML string)
 * and/or a {@code src} file (multi-document; a {@code .mustache} file is rendered with the host's variables
 * first; an ansible-vault file is decrypted); a definition's list may hold YAML texts too. {@code kind: List} and
 * {@code kind: FooList} objects are flattened into their items, an item of a {@code FooList} taking kind {@code Foo}
 * and the list's apiVersion where it names none (as kubernetes.core's flatten_list_kind).
 * YAML is read by the engine's loader, so mistakes name their {@code file:line:col}.
 */
public final class Manifests {
    /** What identifies an object; in an encrypted manifest everything else is masked. */
    private static final Set<String> IDENTITY = Set.of("apiVersion", "kind", "metadata", "type");
    private static final Path DEFINITION = Path.of("definition");

    private Manifests() {
    }

    /**
     * How each object is completed before it is checked: {@code fill} adds what the task's other arguments say (as
     * kubernetes.core's {@code kind}, {@code name}, {@code namespace}); with {@code unnamedOk} an object may have no
     * name (a {@code generateName}, or a deletion by label selectors).
     */
    record Completion(java.util.function.Consumer<Map<String, Object>> fill, boolean unnamedOk) {
        static final Completion NONE = new Completion(o -> { }, false);
    }

    public static List<Map<String, Object>> read(ModuleContext ctx, Object definition, Path src) throws ModuleException {
        return read(ctx, definition, src, Completion.NONE);
    }

    static List<Map<String, Object>> read(ModuleContext ctx, Object definition, Path src, Completion completion) throws ModuleException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (definition != null) {
            collectDefinition(definition, out, completion);
        }
        if (src != null) {
            if (!Files.exists(src)) {
                throw new ModuleException("src " + src + " does not exist (a relative path is read from the playbook's folder)");
            }
            SourceFile file = ctx.readFile(src);
            String text = isTemplate(src) ? ctx.render(file.text()) : file.text();
            List<Map<String, Object>> objects = parse(text, src, completion);
            if (file.vaulted()) {
                objects.forEach(o -> o.forEach((k, v) -> {
                    if (!IDENTITY.contains(k)) {
                        SourceFile.secretStrings(v, ctx::secret);
                    }
                }));
            }
            out.addAll(objects);
        }
        if (out.isEmpty()) {
            throw new ModuleException("no objects to apply: definition and src hold no documents");
        }
        return out;
    }

    /** Whether {@code src} is rendered with the host's variables before it is read as YAML. */
    static boolean isTemplate(Path src) {
        return src.getFileName().toString().endsWith(".mustache");
    }

    /** The objects of manifest text (one or more documents); {@code origin} names the file in errors. */
    static List<Map<String, Object>> parse(String text, Path origin) {
        return parse(text, origin, Completion.NONE);
    }

    static List<Map<String, Object>> parse(String text, Path origin, Completion completion) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (YNode doc : YamlLoader.loadManifests(text, origin)) {
            collect(doc, out, completion);
        }
        return out;
    }

    private static void collect(YNode node, List<Map<String, Object>> out, Completion completion) {
        if (node instanceof YScalar s && s.isNull()) {
            return;
        }
        if (node instanceof YList list) {
            list.items().forEach(item -> collect(item, out, completion));
            return;
        }
        if (!(node instanceof YMap map)) {
            throw new UserError(node.position(), "a manifest must be a mapping with apiVersion, kind and metadata"
                    + " (or a list of them), not " + node.describe());
        }
        collectObject(map, null, out, completion);
    }

    /** One mapping of manifest text: an object, or a {@code FooList} whose items are flattened ({@link #itemOf}). */
    @SuppressWarnings("unchecked")
    private static void collectObject(YMap map, Map<String, Object> list, List<Map<String, Object>> out, Completion completion) {
        Map<String, Object> object = SecretMask.deepCopy((Map<String, Object>) map.toPlain());
        if (list != null) {
            itemOf(list, object);
        }
        if (isList(object) && map.get("items").orElse(null) instanceof YList items) {
            for (YNode item : items.items()) {
                if (item instanceof YMap m) {
                    collectObject(m, object, out, completion);
                } else {
                    collect(item, out, completion);
                }
            }
            return;
        }
        completion.fill().accept(object);
        check(object, map.position(), completion);
        out.add(object);
    }

    /** A {@code kind: List} or {@code kind: FooList} with items (kubernetes.core flattens them). */
    private static boolean isList(Map<String, Object> object) {
        return object.get("kind") != null && String.valueOf(object.get("kind")).endsWith("List") && object.get("items") instanceof List;
    }

    /**
     * An item of a {@code FooList} as kubernetes.core's flatten_list_kind completes it: its kind {@code Foo} and the
     * list's apiVersion where it names none.
     */
    private static void itemOf(Map<String, Object> list, Map<String, Object> item) {
        String kind = String.valueOf(list.get("kind"));
        if (item.get("kind") == null && kind.length() > "List".length()) {
            item.put("kind", kind.substring(0, kind.length() - "List".length()));
        }
        if (item.get("apiVersion") == null && list.get("apiVersion") != null) {
            item.put("apiVersion", list.get("apiVersion"));
        }
    }

    /** A definition given in the playbook: YAML text, a mapping, or a list of mappings and YAML texts (as kubernetes.core). */
    private static void collectDefinition(Object value, List<Map<String, Object>> out, Completion completion) {
        if (value instanceof String text) {
            out.addAll(parse(text, DEFINITION, completion));
        } else if (value instanceof List<?> list) {
            collectItems(list, null, out, completion);
        } else if (value instanceof Map<?, ?> map) {
            collectMapping(map, null, "definition", out, completion);
        } else {
            throw new UserError(SourcePosition.of("definition"), "definition must be a mapping, a list of mappings"
                    + " or YAML text, not " + describe(value));
        }
    }

    /** The items of a definition's list, or of a {@code FooList} ({@code list}: that list, else null). */
    private static void collectItems(List<?> items, Map<String, Object> list, List<Map<String, Object>> out, Completion completion) {
        int index = 0;
        for (Object item : items) {
            index++;
            if (item instanceof Map<?, ?> map) {
                collectMapping(map, list, "definition item " + index, out, completion);
            } else if (item instanceof String text && list == null) {
                out.addAll(parse(text, Path.of("definition item " + index), completion));
            } else if (item != null) {
                throw new UserError(SourcePosition.of("definition item " + index), "a manifest must be a mapping"
                        + " with apiVersion, kind and metadata" + (list == null ? " or YAML text" : "") + ", not " + describe(item));
            }
        }
    }

    private static void collectMapping(Map<?, ?> map, Map<String, Object> list, String origin, List<Map<String, Object>> out,
                                       Completion completion) {
        Map<String, Object> object = SecretMask.deepCopy(stringKeys(map));
        if (list != null) {
            itemOf(list, object);
        }
        if (isList(object)) {
            collectItems((List<?>) object.get("items"), object, out, completion);
            return;
        }
        completion.fill().accept(object);
        check(object, SourcePosition.of(origin), completion);
        out.add(object);
    }

    private static void check(Map<String, Object> object, SourcePosition where, Completion completion) {
        Object metadata = object.get("metadata");
        if (metadata == null) {
            object.remove("metadata");
        } else if (!(metadata instanceof Map)) {
            throw new UserError(where, "the object's metadata must be a mapping with a name, not " + describe(metadata));
        }
        ObjectRef ref = ObjectRef.of(object);
        List<String> missing = new ArrayList<>();
        if (ref.apiVersion() == null) {
            missing.add("apiVersion");
        }
        if (ref.kind() == null) {
            missing.add("kind");
        }
        if (ref.name() == null && !completion.unnamedOk()) {
            missing.add("metadata.name");
        }
        if (!missing.isEmpty()) {
            throw new UserError(where, "the object has no " + String.join(", ", missing)
                    + (ref.kind() != null ? " (kind " + ref.kind() + ")" : ""));
        }
    }

    private static String describe(Object value) {
        return value instanceof List ? "a list" : value instanceof Number ? "a number"
                : value instanceof Boolean ? "a boolean" : "a " + value.getClass().getSimpleName().toLowerCase();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
