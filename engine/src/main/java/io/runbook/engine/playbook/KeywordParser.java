package io.runbook.engine.playbook;

import io.runbook.engine.vars.HashBehaviour;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the inheritable keywords ({@link Keywords}) of a play, block or task. */
final class KeywordParser {
    static final Set<String> NAMES = Set.of("when", "tags", "vars", "check_mode", "diff", "no_log", "environment",
            "ignore_errors", "ignore_unreachable", "any_errors_fatal", "delegate_to", "run_once", "timeout", "notify",
            "delegate_facts", "throttle", "connection", "remote_user", "port", "become", "become_user", "become_method",
            "become_flags", "become_exe", "module_defaults");

    private KeywordParser() {
    }

    /** {@code hash}: how the mappings of a {@code vars:} list combine (the run's hash_behaviour). */
    static Keywords read(YMap map, HashBehaviour hash) {
        map.get("timeout").ifPresent(n -> KeywordValues.checkLiteral("timeout", n));
        List<Expr> when = map.get("when").map(n -> NodeReader.conditions(n, "when")).orElse(List.of());
        Set<String> tags = map.get("tags").map(NodeReader::tags).orElse(Set.of());
        Map<String, Object> vars = map.get("vars").map(v -> vars(v, hash)).orElse(Map.of());
        Map<String, Object> env = map.get("environment").map(KeywordParser::environment).orElse(Map.of());
        return new Keywords(when, tags, vars, templatedBool(map, "check_mode"), templatedBool(map, "diff"), templatedBool(map, "no_log"), env,
                templatedBool(map, "ignore_errors"), templatedBool(map, "ignore_unreachable"), bool(map, "any_errors_fatal"),
                map.get("delegate_to").map(n -> NodeReader.string(n, "delegate_to")).orElse(null),
                templatedBool(map, "run_once"), map.get("timeout").map(YNode::toPlain).orElse(null),
                map.get("notify").filter(n -> !PlaybookParser.isNull(n)).map(n -> NodeReader.names(n, "notify")).orElse(null),
                bool(map, "delegate_facts"), map.get("throttle").map(YNode::toPlain).orElse(null), Map.of(),
                connection(map), map.get("module_defaults").map(ModuleDefaults::read).orElse(ModuleDefaults.NONE),
                map.get("debugger").filter(n -> !PlaybookParser.isNull(n)).map(KeywordParser::debugger).orElse(null));
    }

    /** The values of {@code debugger:}, as Ansible's (a template is checked once rendered, when the task ran). */
    static final List<String> DEBUGGER_VALUES = List.of("always", "never", "on_failed", "on_unreachable", "on_skipped");

    private static String debugger(YNode node) {
        String value = NodeReader.string(node, "debugger");
        if (!value.contains("{{") && !DEBUGGER_VALUES.contains(value)) {
            throw new io.runbook.engine.error.UserError(node.position(), "'" + value + "' is not a valid value for debugger. "
                    + "Must be one of " + String.join(", ", DEBUGGER_VALUES));
        }
        return value;
    }

    /** The connection keywords this level sets, under the names of the variables they stand for (null ones unset). */
    private static Map<String, Object> connection(YMap map) {
        Map<String, Object> out = new LinkedHashMap<>();
        Keywords.CONNECTION_KEYWORDS.forEach((keyword, variable) -> map.get(keyword)
                .filter(n -> !(n instanceof YScalar s && s.isNull()))
                .ifPresent(n -> out.put(variable, templated(keyword.equals("become") ? templatedOrBool(n, keyword) : n.toPlain()))));
        return out;
    }

    /** A template is kept as a {@link TemplatedKeyword}, which remembers what the level above says for omit. */
    private static Object templated(Object value) {
        return value instanceof String text && text.contains("{{") ? new TemplatedKeyword(text, null) : value;
    }

    private static Object templatedOrBool(YNode node, String key) {
        return node instanceof YScalar s && s.value() instanceof String text && text.contains("{{") ? text : NodeReader.bool(node, key);
    }

    /**
     * {@code environment}: a mapping, a list of mappings (merged in order), or a template that renders to a mapping
     * (kept under {@link Keywords#ENVIRONMENT_TEMPLATE}, rendered when the task runs), as Ansible accepts.
     */
    static Map<String, Object> environment(YNode node) {
        if (node instanceof YScalar s && !s.isNull() && s.text().contains("{{")) {
            return Map.of(Keywords.ENVIRONMENT_TEMPLATE, s.text());
        }
        if (node instanceof YList list) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (YNode item : list.items()) {
                out.putAll(environment(item));
            }
            return out;
        }
        return NodeReader.plainMap(node, "environment");
    }

    /**
     * {@code vars}: a mapping, or (as Ansible also accepts) a list of mappings combined in order by the run's
     * hash_behaviour, as Ansible's combine_vars (with {@code merge}, mappings of the same name merge).
     */
    static Map<String, Object> vars(YNode node, HashBehaviour hash) {
        if (node instanceof YList list) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (YNode item : list.items()) {
                NodeReader.plainMap(item, "an item of vars").forEach((k, v) -> out.put(k, hash.combine(out.get(k), v)));
            }
            return out;
        }
        return NodeReader.plainMap(node, "vars");
    }

    /** A boolean keyword that may be a template, rendered when the task runs ({@link TemplatedFlag}). */
    private static Object templatedBool(YMap map, String key) {
        YNode node = map.get(key).orElse(null);
        if (node instanceof YScalar s && s.value() instanceof String text && text.contains("{{")) {
            return new TemplatedFlag(text, node.position(), null);
        }
        return bool(map, key);
    }

    private static Boolean bool(YMap map, String key) {
        return map.get(key).filter(n -> !(n instanceof YScalar s && s.isNull()))
                .map(n -> NodeReader.bool(n, key)).orElse(null);
    }
}
