package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The objects a task declares: a {@code definition} (a mapping, a list, or a multi-document YAML string)
 * and/or a {@code src} file (multi-document; a {@code .mustache} file is rendered with the host's
 * variables first). {@code kind: List} documents are flattened into their items.
 */
public final class Manifests {
    private Manifests() {
    }

    public static List<Map<String, Object>> read(ModuleContext ctx, Object definition, Path src) throws ModuleException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (definition != null) {
            collect(definition, "definition", out);
        }
        if (src != null) {
            String text;
            try {
                text = Files.readString(src);
            } catch (IOException e) {
                throw new ModuleException("cannot read src " + src + ": " + ApiFailure.describe(e));
            }
            if (src.getFileName().toString().endsWith(".mustache")) {
                text = ctx.render(text);
            }
            collect(text, "src " + src, out);
        }
        if (out.isEmpty()) {
            throw new ModuleException("no objects to apply: definition and src hold no documents");
        }
        return out;
    }

    /** Parses one definition value into objects; {@code origin} names it in errors. */
    static void collect(Object value, String origin, List<Map<String, Object>> out) throws ModuleException {
        if (value instanceof String text) {
            int index = 0;
            try {
                for (Object doc : new Load(LoadSettings.builder().setLabel(origin).build()).loadAllFromString(text)) {
                    index++;
                    if (doc != null) {
                        collect(doc, origin + " document " + index, out);
                    }
                }
            } catch (RuntimeException e) {
                throw new ModuleException(origin + " is not valid YAML: " + ApiFailure.describe(e));
            }
        } else if (value instanceof List<?> list) {
            int index = 0;
            for (Object item : list) {
                collect(item, origin + " item " + (++index), out);
            }
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = SecretMask.deepCopy(stringKeys(map));
            String kind = object.get("kind") == null ? null : String.valueOf(object.get("kind"));
            if (kind != null && kind.endsWith("List") && object.get("items") instanceof List<?> items) {
                collect(items, origin, out);
                return;
            }
            check(object, origin);
            out.add(object);
        } else if (value != null) {
            throw new ModuleException(origin + " must be a mapping, a list or YAML text, not " + value.getClass().getSimpleName());
        }
    }

    private static void check(Map<String, Object> object, String origin) throws ModuleException {
        ObjectRef ref = ObjectRef.of(object);
        List<String> missing = new ArrayList<>();
        if (ref.apiVersion() == null) {
            missing.add("apiVersion");
        }
        if (ref.kind() == null) {
            missing.add("kind");
        }
        if (ref.name() == null) {
            missing.add("metadata.name");
        }
        if (!missing.isEmpty()) {
            throw new ModuleException(origin + " has no " + String.join(", ", missing)
                    + (ref.kind() != null ? " (kind " + ref.kind() + ")" : ""));
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
