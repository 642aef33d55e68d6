package io.runbook.engine.vars;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ansible's reading of template results as data (its {@code ansible_eval_concat}, ansible-playbook's default): a
 * result whose text starts with {@code [} or <code>{</code>, or is exactly {@code True} or {@code False}, becomes the
 * list, dict or boolean it spells when it is a Python literal (JSON's {@code true}/{@code false}/{@code null}
 * included); anything else stays text. So {@code "[{{ a }}, {{ b }}]"} is a list and
 * <code>'{{ "" }}{"null": null}'</code> a dict, as in Ansible. Not read: what Ansible's string filters made
 * ({@code string}, {@code to_json}, {@code to_yaml}, …) or {@code lookup('template', …, convert_data=False)} gave
 * as the whole value, and secret text (a vault value stays secret). Values that are not text keep their type.
 */
public final class LiteralResults {
    /** Ansible's STRING_TYPE_FILTERS: their result is text on purpose. */
    private static final Set<String> STRING_FILTERS = Set.of("string", "to_json", "to_nice_json", "to_yaml", "to_nice_yaml",
            "ppretty", "json");

    private LiteralResults() {
    }

    /**
     * A filter's result as Ansible's filter wrapper gives it: text a string filter made is NativeJinjaText wherever the
     * filter runs (inside an expression too), unsafe when it was made of unsafe text.
     */
    static Object ofFilter(String name, Object result) {
        if (!STRING_FILTERS.contains(name) || !(result instanceof CharSequence text) || result instanceof SecretText
                || NativeText.is(result)) {
            return result;
        }
        return NativeText.of(text, result instanceof UnsafeText);
    }

    /** True when the value of the whole expression is meant to stay text. */
    static boolean keepsText(Ast expr) {
        if (expr instanceof Ast.Filter f) {
            return STRING_FILTERS.contains(f.name());
        }
        return expr instanceof Ast.Call c && c.target() instanceof Ast.Name n && List.of("lookup", "query", "q").contains(n.name())
                && c.kwargs().get("convert_data") instanceof Ast.Literal l && Boolean.FALSE.equals(l.value());
    }

    /** The value as Ansible reads a template result: a literal's value, or the value itself. */
    static Object of(Object value) {
        if (value instanceof PyTuple) {
            return PyValues.str(value);  // Ansible's to_text of a tuple, "(1, 2)", which is no list or dict literal
        }
        if (!(value instanceof CharSequence text) || value instanceof SecretText) {
            return value;
        }
        String s = text.toString();
        if (!(s.startsWith("[") || s.startsWith("{") || s.equals("True") || s.equals("False"))) {
            return value;
        }
        Optional<Object> parsed = PythonLiteral.parse(s, true);
        if (parsed.isEmpty()) {
            return value;
        }
        Object data = PythonLiteral.unwrapNone(parsed.get());
        return value instanceof UnsafeText ? Templar.unsafe(data) : data;
    }

    /**
     * The value as jinja2_native mode reads a template result (Ansible's {@code ansible_native_concat}): text that is a
     * Python literal (no JSON names) becomes its value, a string literal keeping its quotes ({@code "'a'"} stays
     * {@code 'a'}), {@code 1, 2} a tuple; text with a leading space or tab (Python's indentation error), text
     * a string filter made ({@link NativeText}) and secret text stay as they are, as do values that are not text.
     */
    static Object nativeOf(Object value) {
        if (!(value instanceof CharSequence text) || value instanceof SecretText || NativeText.is(value)) {
            return value;
        }
        String s = text.toString();
        if (s.isEmpty() || s.charAt(0) == ' ' || s.charAt(0) == '\t') {
            return value;
        }
        Optional<Object> parsed = PythonLiteral.parse(s, false);
        if (parsed.isEmpty() && s.indexOf(',') >= 0) {
            parsed = PythonLiteral.parse("(" + s + ")", false).filter(List.class::isInstance);  // a bare tuple
        }
        if (parsed.isEmpty()) {
            return value;
        }
        Object data = PythonLiteral.unwrapNone(parsed.get());
        if (data instanceof CharSequence quoted) {
            data = s.charAt(0) + quoted.toString() + s.charAt(0);  // Ansible puts the first character back around it
        }
        return value instanceof UnsafeText ? Templar.unsafe(data) : data;
    }

    /**
     * The template lookup's result: read as jinja2_native reads it for its own {@code jinja2_native=True} in a native
     * run, as the default mode reads it outside jinja2_native unless {@code convert_data=False}; else not read as data,
     * Ansible's NativeJinjaText (a native run's lookup is rendered as text, as ansible-playbook's).
     */
    static Object ofTemplateLookup(Object text, boolean convert, boolean nativeRun, boolean lookupNative) {
        if (nativeRun && convert && lookupNative) {
            return nativeOf(text);
        }
        if (convert && !nativeRun) {
            return of(text);
        }
        return text instanceof CharSequence t && !(text instanceof SecretText) ? NativeText.of(t, true) : text;
    }

    /**
     * Tuples inside a list or dict result as lists ({@code zip}, {@code groupby}, {@code dict2items} of pairs), and its
     * strings plain {@code str} rather than YAML text (AnsibleUnicode): Ansible's template results reach a task or a
     * variable through text read back as data, where they are lists and new strings.
     */
    static Object tuplesAsLists(Object value) {
        if (!(value instanceof UnsafeList || value instanceof UnsafeMap || value instanceof LazyVariables) && holds(value, true)) {
            return copied(value, true);
        }
        return value;
    }

    /**
     * A value with its tuples (inside it too) as lists: what a loop's items, a fact and a registered result hold, as
     * Ansible's task results and loop items reach the host's variables (in jinja2_native mode too, where a variable's
     * template result keeps its tuples).
     */
    public static Object listsOfTuples(Object value) {
        return value instanceof PyTuple || holds(value, false) ? copied(value, false) : value;
    }

    /** Whether value holds a tuple, or (with yamlText) a string Ansible's YAML loader read, a key too. */
    private static boolean holds(Object value, boolean yamlText) {
        if (value instanceof java.util.Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(e -> yamlText && isYamlText(e.getKey()) || held(e.getValue(), yamlText));
        }
        if (value instanceof List<?> items && !(value instanceof UnsafeList)) {
            return items.stream().anyMatch(v -> held(v, yamlText));
        }
        return false;
    }

    private static boolean held(Object v, boolean yamlText) {
        return v instanceof PyTuple || yamlText && isYamlText(v) || holds(v, yamlText);
    }

    private static boolean isYamlText(Object v) {
        return io.runbook.engine.yaml.YamlText.is(v);
    }

    private static Object copied(Object value, boolean yamlText) {
        if (value instanceof java.util.Map<?, ?> map && !(value instanceof UnsafeMap)) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(yamlText ? io.runbook.engine.yaml.YamlText.plain(k) : k, copied(v, yamlText)));
            return out;
        }
        if (value instanceof List<?> items && !(value instanceof UnsafeList) || value instanceof PyTuple) {
            List<Object> out = new java.util.ArrayList<>(((List<?>) value).size());
            List<?> items = (List<?>) value;
            items.forEach(v -> out.add(copied(v, yamlText)));
            return out;
        }
        return yamlText ? io.runbook.engine.yaml.YamlText.plain(value) : value;
    }
}
