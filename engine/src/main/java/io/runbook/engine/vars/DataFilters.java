package io.runbook.engine.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** json_query (JMESPath, through io.burt's jmespath-jackson), tojson, mandatory, type_debug, from_yaml_all. */
final class DataFilters {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Expression<JsonNode>> QUERIES = new ConcurrentHashMap<>();

    /** Loaded on first use: most runs never query JSON. */
    private static final class Jmes {
        static final JmesPath<JsonNode> RUNTIME = new JacksonRuntime();
    }

    private DataFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("json_query", 1, List.of("expr"), (v, a) -> jsonQuery(v, ValueText.of(a.get(0, "expr", ""))));
        r.add("tojson", 1, List.of("indent"), (v, a) -> PyJson.dump(v, a.get(0, "indent", null) == null ? 0
                : Numbers.whole(a.get(0, "indent", 0), "tojson"), true).replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026").replace("'", "\\u0027"));
        r.add("mandatory", 1, List.of("msg"), DataFilters::mandatory);
        r.add("type_debug", 0, List.of(), (v, a) -> PyValues.typeName(v));
        r.add("from_yaml_all", 0, List.of(), (v, a) -> v instanceof CharSequence s ? yamlAll(s.toString()) : v);
    }

    /** Filters that may be given an undefined value. */
    static boolean acceptsUndefined(String name) {
        return name.equals("mandatory");
    }

    private static Object mandatory(Object value, Arguments a) {
        if (value instanceof Undefined u) {
            Object msg = a.get(0, "msg", null);
            throw new ExpressionFailure(msg != null ? ValueText.of(msg) : "Mandatory variable '" + u.path() + "'  not defined.");
        }
        return value;
    }

    /** community.general's json_query: the JMESPath expression applied to the value. */
    static Object jsonQuery(Object value, String expression) {
        Expression<JsonNode> compiled = QUERIES.get(expression);
        if (compiled == null) {
            try {
                compiled = Jmes.RUNTIME.compile(quotedLiterals(expression));
            } catch (RuntimeException e) {
                throw new ExpressionFailure("JMESPathError in json_query filter plugin: " + firstLine(e.getMessage()));
            }
            if (QUERIES.size() < 2_000) {
                QUERIES.put(expression, compiled);
            }
        }
        try {
            return fromJson(compiled.search(toJson(value, 0)));
        } catch (ExpressionFailure | io.runbook.engine.error.UserError failure) {
            throw failure;
        } catch (RuntimeException e) {
            throw new ExpressionFailure("JMESPathError in json_query filter plugin: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Python's jmespath still reads a literal that is not JSON, such as {@code `Running`}, as a string (deprecated
     * syntax that playbooks use); the library here wants JSON: such literals are quoted first.
     */
    static String quotedLiterals(String expression) {
        if (expression.indexOf('`') < 0) {
            return expression;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(expression, i, c);
                out.append(expression, i, end);
                i = end;
            } else if (c == '`') {
                int end = closing(expression, i, '`');
                String inner = expression.substring(i + 1, Math.max(i + 1, end - 1)).replace("\\`", "`");
                out.append('`').append(isJson(inner) ? inner : PyJson.dump(inner.strip(), 0, false)).append('`');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closing(String s, int from, char quote) {
        for (int i = from + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == quote) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static boolean isJson(String text) {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            return !text.isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "invalid expression" : message.lines().findFirst().orElse("");
    }

    private static JsonNode toJson(Object v, int depth) {
        if (depth > 200) {
            throw new ExpressionFailure("json_query: the value nests too deeply");
        }
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (PyNumbers.isInt(v)) {
            return NODES.numberNode(PyNumbers.big(v));
        }
        if (v instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (v instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode out = NODES.objectNode();
            m.forEach((k, item) -> out.set(ValueText.of(k), toJson(item, depth + 1)));
            return out;
        }
        if (v instanceof Iterable<?> items) {
            ArrayNode out = NODES.arrayNode();
            items.forEach(item -> out.add(toJson(item, depth + 1)));
            return out;
        }
        if (v instanceof Undefined u) {
            throw u.failure();
        }
        throw new ExpressionFailure("json_query: cannot query " + Describe.kind(v));
    }

    private static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return PyNumbers.integer(n.bigIntegerValue());
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(item -> out.add(fromJson(item)));
            return out;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> i = n.fields(); i.hasNext();) {
            Map.Entry<String, JsonNode> e = i.next();
            out.put(e.getKey(), fromJson(e.getValue()));
        }
        return out;
    }

    private static List<Object> yamlAll(String text) {
        List<Object> out = new ArrayList<>();
        try {
            new Load(Parsing.YAML_SETTINGS).loadAllFromString(text).forEach(out::add);
        } catch (YamlEngineException e) {
            throw new ExpressionFailure("from_yaml_all: the value is not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        return out;
    }
}
