package io.runbook.cli.reference;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleDoc;
import io.runbook.engine.playbook.EngineActions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON Schema of what a task gives a module (or an engine action) under its name. */
final class ModuleArgsSchema {
    private static final Set<String> BOOLEAN_WORDS = Set.of("yes", "no", "true", "false", "on", "off");

    private ModuleArgsSchema() {
    }

    static Map<String, Object> of(Module m) {
        ArgSpec spec = m.spec();
        ModuleDoc doc = m.doc();
        Map<String, Object> props = new LinkedHashMap<>();
        for (Arg a : spec.args()) {
            Map<String, Object> value = PlaybookSchema.value(a, describe(a, doc));
            props.put(a.name(), value);
            a.aliases().forEach(alias -> props.put(alias, value));
        }
        Map<String, Object> args = PlaybookSchema.object(props, List.of());
        if (spec.otherKeys() != null) {
            args.put("additionalProperties", Map.of("description", spec.otherKeys()));
        }
        List<Object> rules = rules(spec);
        if (!rules.isEmpty()) {
            args.put("allOf", rules);
        }
        List<Object> forms = new ArrayList<>();
        forms.add(args);
        forms.add(Map.of("type", "string", "description", spec.freeForm() ? "free form: " + m.name() + ": TEXT (key=value words too)"
                : "the arguments as key=value text"));
        if (spec.args().stream().noneMatch(Arg::isRequired) && spec.requiredOneOf().isEmpty()) {
            forms.add(Map.of("type", "null"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", m.description() + " (docs/modules/" + m.name() + ".md)");
        out.put("anyOf", forms);
        return out;
    }

    static Map<String, Object> of(EngineActions.Action a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", a.description() + " (docs/modules/" + a.name() + ".md)");
        switch (a.name()) {
            case "set_fact" -> out.put("type", List.of("object", "string"));
            case "meta" -> out.put("enum", EngineActions.META);
            case "import_tasks" -> out.put("type", "string");
            case "include_tasks" -> out.put("anyOf", List.of(Map.of("type", "string"),
                    PlaybookSchema.object(Map.of("file", Map.of("type", "string"), "apply", Map.of("type", "object")), List.of("file"))));
            case "include", "include_vars" -> out.put("type", List.of("string", "object"));
            case "import_role", "include_role" -> out.put("anyOf", List.of(PlaybookSchema.object(a.arguments().stream()
                    .collect(java.util.stream.Collectors.toMap(EngineActions.Argument::name, x -> (Object) Map.of(),
                            (x, y) -> x, LinkedHashMap::new)), List.of("name")), Map.of("type", "object", "required", List.of("role")),
                    Map.of("type", "string", "description", "the arguments as key=value text (name=ROLE …), as Ansible takes them")));
            default -> {
                // a newer engine action: any value
            }
        }
        return out;
    }

    private static String describe(Arg a, ModuleDoc doc) {
        StringBuilder d = new StringBuilder(ModulePages.description(a, doc));
        if (a.defaultValue() != null) {
            d.append(d.length() == 0 ? "" : " ").append("(default: ").append(YamlText.of(a.defaultValue())).append(")");
        }
        if (a.isSecret()) {
            d.append(d.length() == 0 ? "" : " ").append("(secret: never shown)");
        }
        return d.toString();
    }

    /** Required arguments (any alias counts), "at least one of" and "at most one of". */
    private static List<Object> rules(ArgSpec spec) {
        List<Object> rules = new ArrayList<>();
        for (Arg a : spec.args()) {
            if (a.isRequired()) {
                rules.add(oneOfPresent(names(a)));
            }
        }
        for (List<String> group : spec.requiredOneOf()) {
            List<String> all = new ArrayList<>();
            group.forEach(n -> spec.find(n).ifPresentOrElse(a -> all.addAll(names(a)), () -> all.add(n)));
            rules.add(oneOfPresent(all));
        }
        for (List<String> group : spec.mutuallyExclusive()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    rules.add(Map.of("not", Map.of("required", List.of(group.get(i), group.get(j)))));
                }
            }
        }
        return rules;
    }

    private static List<String> names(Arg a) {
        List<String> names = new ArrayList<>(List.of(a.name()));
        names.addAll(a.aliases());
        return names;
    }

    private static Map<String, Object> oneOfPresent(List<String> names) {
        if (names.size() == 1) {
            return Map.of("required", names);
        }
        return Map.of("anyOf", names.stream().map(n -> Map.of("required", List.of(n))).toList());
    }

    /** The type of a value: what YAML gives for it, or text (a template). */
    static Map<String, Object> typed(Arg a) {
        if (!a.choices().isEmpty()) {
            List<Object> values = new ArrayList<>(a.choices());
            if (a.choices().stream().anyMatch(c -> BOOLEAN_WORDS.contains(c.toLowerCase(java.util.Locale.ROOT)))) {
                values.add(true);
                values.add(false);
            }
            return Map.of("anyOf", List.of(Map.of("enum", values), PlaybookSchema.ref("template"), Map.of("type", "null")));
        }
        Map<String, Object> out = new LinkedHashMap<>(base(a.type()));
        if (a.type() == ArgType.LIST && a.elements() != null && !base(a.elements()).isEmpty()) {
            out.put("items", base(a.elements()));
        }
        return out;
    }

    private static Map<String, Object> base(ArgType t) {
        return switch (t) {
            case STR -> Map.of("type", List.of("string", "number", "boolean", "null"));
            case INT -> Map.of("type", List.of("integer", "string", "null"));
            case FLOAT, DURATION -> Map.of("type", List.of("number", "string", "null"));
            case BOOL -> Map.of("type", List.of("boolean", "string", "null"));
            case LIST -> Map.of("type", List.of("array", "string", "number", "boolean", "null"));
            case DICT -> Map.of("type", List.of("object", "string", "null"));
            case PATH -> Map.of("type", List.of("string", "null"));
            case RAW -> Map.of();
        };
    }
}
