package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The functions translated expressions call (JEXL namespace {@code r}), bound to one evaluation's variables.
 * Public only because JEXL's introspection needs it; not part of the engine's API. Scopes are searched from
 * the last (innermost, e.g. a mustache section's item) to the first.
 */
public final class ExpressionFunctions {
    private final List<Object> scopes;
    private final List<VariablePath> paths;
    private final TemplateRenderer templates;

    ExpressionFunctions(List<Object> scopes, List<VariablePath> paths, TemplateRenderer templates) {
        this.scopes = scopes;
        this.paths = paths;
        this.templates = templates;
    }

    public Object v(int id) {
        return lookup(id, null, List.of(), true);
    }

    public Object v(int id, List<Object> computed) {
        return lookup(id, null, computed, true);
    }

    public Object m(int id) {
        return lookup(id, null, List.of(), false);
    }

    public Object m(int id, List<Object> computed) {
        return lookup(id, null, computed, false);
    }

    public Object at(int id, Object base) {
        return lookup(id, base, List.of(), true);
    }

    public Object at(int id, Object base, List<Object> computed) {
        return lookup(id, base, computed, true);
    }

    public Object self() {
        return scopes.isEmpty() ? null : scopes.get(scopes.size() - 1);
    }

    /** Jinja's 'not': by truthiness, so 'not none' is true. */
    public boolean falsy(Object value) {
        return !Truthiness.of(value);
    }

    public Object f(String filter, Object value) {
        return Filters.apply(filter, value, Arguments.NONE);
    }

    public Object f(String filter, Object value, List<Object> args) {
        return Filters.apply(filter, value, new Arguments(args, Map.of()));
    }

    public Object f(String filter, Object value, List<Object> args, Map<String, Object> named) {
        return Filters.apply(filter, value, new Arguments(args, named));
    }

    public boolean t(String test, Object value) {
        return IsTests.apply(test, value, List.of());
    }

    public boolean t(String test, Object value, List<Object> args) {
        return IsTests.apply(test, value, args);
    }

    public boolean t(String test, Object value, List<Object> args, Map<String, Object> named) {
        throw new ExpressionFailure("test 'is " + test + "' takes no keyword arguments");
    }

    /** Follows a path; values that are templates themselves are rendered, except inside unsafe data. */
    private Object lookup(int id, Object base, List<Object> computed, boolean strict) {
        VariablePath path = paths.get(id);
        Object current = base;
        boolean data = false;
        if (path.root() != null) {
            Map<?, ?> scope = scopeDefining(path.root());
            if (scope == null) {
                if (strict) {
                    throw new MissingVariable(path.root(), hintFor(path.root()));
                }
                return Undefined.VALUE;
            }
            data = scope instanceof UnsafeMap;
            current = scope.get(path.root());
        }
        StringBuilder shown = new StringBuilder(path.start());
        int next = 0;
        for (VariablePath.Segment segment : path.segments()) {
            if (!data && current instanceof String s && s.contains("{{")) {
                current = nested(shown, current, strict);
                if (current == Undefined.VALUE) {
                    return current;
                }
            }
            data = data || current instanceof UnsafeMap || current instanceof UnsafeList;
            Object key = segment.computed() ? computed.get(next++) : segment.key();
            String step = segment.computed() ? "[" + quoted(key) + "]" : "." + segment.key();
            Lookup found = Lookup.in(current, key, shown.toString());
            if (!found.present()) {
                if (strict) {
                    throw new MissingVariable(shown + step, found.hint());
                }
                return Undefined.VALUE;
            }
            shown.append(step);
            current = found.value();
        }
        return !data && Templar.isTemplate(current) ? nested(shown, current, strict) : current;
    }

    /**
     * Renders a variable's own template against the outermost scope (the host's variables, not a section item).
     * Where missing is allowed, a value whose template uses an undefined variable is undefined too (as in Ansible).
     */
    @SuppressWarnings("unchecked")
    private Object nested(CharSequence name, Object value, boolean strict) {
        Object outermost = scopes.isEmpty() ? Map.of() : scopes.get(0);
        Map<String, Object> vars = outermost instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        try {
            return templates.nested(name.toString(), value, vars);
        } catch (MissingVariable missing) {
            if (strict) {
                throw missing;
            }
            return Undefined.VALUE;
        }
    }

    private String hintFor(String root) {
        if (root.equals("omit")) {
            return "'omit' is not supported: leave the argument out, or use a 'when' on the task";
        }
        return Spelling.didYouMean(root, visibleNames());
    }

    private Map<?, ?> scopeDefining(String name) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i) instanceof Map<?, ?> map && map.containsKey(name)) {
                return map;
            }
        }
        return null;
    }

    private Set<String> visibleNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Object scope : scopes) {
            if (scope instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> names.add(String.valueOf(k)));
            }
        }
        return names;
    }

    private static String quoted(Object key) {
        return key instanceof CharSequence ? "'" + key + "'" : ValueText.of(key);
    }

    /** One step of a path: a map key or a list index (negative counts from the end, as in Python). */
    private record Lookup(boolean present, Object value, String hint) {

        static Lookup in(Object container, Object key, String shown) {
            if (container instanceof Map<?, ?> map) {
                return inMap(map, key);
            }
            if (container instanceof List<?> list) {
                return inList(list, key, shown);
            }
            String what = container == null ? "null" : Describe.kind(container);
            return new Lookup(false, null, "'" + shown + "' is " + what);
        }

        private static Lookup inMap(Map<?, ?> map, Object key) {
            if (map.containsKey(key)) {
                return new Lookup(true, map.get(key), null);
            }
            String text = ValueText.of(key);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (ValueText.of(entry.getKey()).equals(text)) {
                    return new Lookup(true, entry.getValue(), null);
                }
            }
            Collection<String> keys = new ArrayList<>();
            map.keySet().forEach(k -> keys.add(String.valueOf(k)));
            return new Lookup(false, null, Spelling.didYouMean(text, keys));
        }

        private static Lookup inList(List<?> list, Object key, String shown) {
            Integer index = null;
            if (key instanceof Number n) {
                index = n.intValue();
            } else if (key instanceof CharSequence s && s.toString().matches("-?\\d+")) {
                index = Integer.parseInt(s.toString());
            }
            if (index == null) {
                return new Lookup(false, null, "'" + shown + "' is a list: use a number index");
            }
            int at = index < 0 ? list.size() + index : index;
            if (at < 0 || at >= list.size()) {
                return new Lookup(false, null, "'" + shown + "' has " + list.size() + " item" + (list.size() == 1 ? "" : "s"));
            }
            return new Lookup(true, list.get(at), null);
        }
    }
}
