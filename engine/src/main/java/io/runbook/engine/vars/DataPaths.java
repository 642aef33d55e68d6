package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ansible.utils' {@code to_paths} (a nested value flattened to {@code a.b[0]} paths and their values) and
 * {@code get_path} (the value at such a path: the path rendered as {@code {{ path }}} with the value's keys as the
 * variables, read back as Ansible reads a template's text, so a number comes back as text and a list as a list).
 */
final class DataPaths {
    /** A key that may follow a dot; others are written {@code ['key']}. Python's {@code $} allows a final newline. */
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*(?=\\n?\\z)");

    private DataPaths() {
    }

    static Object getPath(Object value, Arguments args, Jinja jinja) {
        Map<Object, Object> var = UtilsDataFilters.dict(value);
        if (var == null) {
            throw new ExpressionFailure("argument after ** must be a mapping, not " + PyValues.typeName(value));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        var.forEach((k, v) -> {
            if (!(k instanceof CharSequence)) {
                throw new ExpressionFailure("keywords must be strings");
            }
            vars.put(k.toString(), v);
        });
        Object path = args.get(0, "path", null);
        if (path == null) {
            throw new ExpressionFailure("['missing required arguments: path']");
        }
        Object result = LiteralResults.of(jinja.text("{{ " + ValueText.of(path) + " }}", vars, null));
        return UtilsDataFilters.flag(args.get(1, "wantlist", false)) ? new ArrayList<>(List.of(result)) : result;
    }

    static Object toPaths(Object value, Object prepend, boolean wantlist) {
        Object var = LazyData.materialize(value);
        String before = UtilsDataFilters.text(prepend);
        if (before != null && !before.isEmpty()) {
            Map<Object, Object> wrapped = new LinkedHashMap<>();
            wrapped.put(before, var);
            var = wrapped;
        }
        Object out = flatten(var, "", new LinkedHashMap<>());
        return wantlist ? new ArrayList<>(List.of(out)) : out;
    }

    /** The collection's flatten: an empty dict or list at the top is given back as such (the others as values). */
    private static Object flatten(Object data, Object name, Map<Object, Object> out) {
        boolean top = "".equals(name);
        if (data instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                if (top) {
                    return new LinkedHashMap<>();
                }
                out.put(name, new LinkedHashMap<>());
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(e.getValue(), top ? e.getKey() : name + step(e.getKey()), out);
            }
        } else if (data instanceof List<?> list) {
            if (list.isEmpty()) {
                if (top) {
                    return new ArrayList<>();
                }
                out.put(name, new ArrayList<>());
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(list.get(i), name + "[" + i + "]", out);
            }
        } else {
            out.put(name, data);
        }
        return out;
    }

    private static String step(Object key) {
        if (!(key instanceof CharSequence text)) {
            throw new ExpressionFailure("expected string or bytes-like object, got '" + PyValues.typeName(key) + "'");
        }
        return NAME.matcher(text).find() ? "." + text : "['" + text + "']";
    }
}
