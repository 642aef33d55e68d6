package io.runbook.cli.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.Module;
import io.runbook.engine.playbook.EngineActions;
import io.runbook.engine.playbook.PlaybookKeywords;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema (draft-07, what the YAML language server reads best) of a playbook: every play, block and
 * task keyword the parser accepts, and every module's and engine action's arguments with their types, choices,
 * required names and descriptions. Templates ({@code "{{ x }}"}) are text, so every typed value also accepts text.
 */
public final class PlaybookSchema {
    private PlaybookSchema() {
    }

    /** The schema as pretty-printed JSON with a final newline. */
    public static String render(Collection<Module> modules) {
        Map<String, Object> defs = new LinkedHashMap<>();
        defs.put("play", object(properties(PlaybookKeywords.play(), Keyword::play), List.of()));
        // the import's key is one of import_playbook's names, which the root's condition requires
        defs.put("import_playbook", object(properties(PlaybookKeywords.importPlaybook(), Keyword::importPlaybook), List.of()));
        defs.put("tasks", Map.of("type", List.of("array", "null"), "items", ref("task_or_block")));
        defs.put("task_or_block", when("block", ref("block"), when("import_tasks", ref("import_tasks"), ref("task"))));
        defs.put("block", object(properties(PlaybookKeywords.block(), Keyword::task), List.of("block")));
        defs.put("import_tasks", object(properties(PlaybookKeywords.importTasks(), Keyword::task), List.of("import_tasks")));
        defs.put("task", task(modules));
        defs.put("loop_control", object(properties(PlaybookKeywords.loopControl(), Keyword::loopControl), List.of()));
        defs.put("template", Map.of("type", "string", "pattern", "\\{\\{|\\{%"));
        List<Module> sorted = new ArrayList<>(modules);
        sorted.sort(Comparator.comparing(Module::name));
        for (Module m : sorted) {
            defs.put("module." + m.name(), ModuleArgsSchema.of(m));
        }
        EngineActions.all().forEach(a -> defs.put("module." + a.name(), ModuleArgsSchema.of(a)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "runbook engine playbook");
        root.put("description", "A playbook of java -jar engine.jar: a list of plays and import_playbook entries.");
        root.put("type", "array");
        List<Map<String, Object>> importKeys = PlaybookKeywords.importPlaybook().stream().filter(k -> k.endsWith("import_playbook"))
                .map(k -> Map.<String, Object>of("required", List.of(k))).toList();
        root.put("items", when(Map.of("type", "object", "anyOf", importKeys), ref("import_playbook"), ref("play")));
        root.put("definitions", defs);
        try {
            // keys sorted: the same text on every run (Map.of has no stable order), so the committed file can be compared
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A task: its keywords, and one property per module and engine action (also with a collection prefix). */
    private static Map<String, Object> task(Collection<Module> modules) {
        Map<String, Object> props = properties(PlaybookKeywords.task(), Keyword::task);
        Map<String, Object> patterns = new LinkedHashMap<>();
        List<String> actions = new ArrayList<>();
        modules.forEach(m -> actions.add(m.name()));
        EngineActions.all().forEach(a -> actions.add(a.name()));
        actions.sort(null);
        for (String name : actions) {
            props.put(name, ref("module." + name));
            patterns.put("^([A-Za-z0-9_]+\\.)+" + name + "$", ref("module." + name));
        }
        patterns.put("^with_[A-Za-z0-9_]+$", Map.of("description", "a loop over the items of the lookup of that name"));
        Map<String, Object> task = object(props, List.of());
        task.put("patternProperties", patterns);
        return task;
    }

    private static Map<String, Object> properties(Set<String> names, java.util.function.Function<String, Map<String, Object>> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, schema.apply(n)));
        return out;
    }

    static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("properties", properties);
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        out.put("additionalProperties", false);
        return out;
    }

    /** {@code then} for a mapping that has the key, else {@code otherwise} (so an editor reports against one schema). */
    private static Map<String, Object> when(String key, Map<String, Object> then, Map<String, Object> otherwise) {
        return when(Map.of("type", "object", "required", List.of(key)), then, otherwise);
    }

    /** {@code then} for a mapping that {@code condition} holds for, else {@code otherwise}. */
    private static Map<String, Object> when(Map<String, Object> condition, Map<String, Object> then, Map<String, Object> otherwise) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("if", condition);
        out.put("then", then);
        out.put("else", otherwise);
        return out;
    }

    static Map<String, Object> ref(String def) {
        return Map.of("$ref", "#/definitions/" + def);
    }

    /** The schema of one argument's value. */
    static Map<String, Object> value(Arg a, String description) {
        Map<String, Object> out = new LinkedHashMap<>(ModuleArgsSchema.typed(a));
        if (!description.isEmpty()) {
            out.put("description", description);
        }
        return out;
    }
}
