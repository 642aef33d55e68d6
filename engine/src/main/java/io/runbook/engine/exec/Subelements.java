package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's subelements lookup ({@code with_subelements: [users, authorized, {skip_missing: true}]}): one item
 * {@code [element, subelement]} per entry of each element's list under the (dotted) key; the element appears
 * without that list, as Ansible pops it.
 */
final class Subelements {
    private Subelements() {
    }

    static List<Object> of(Object terms, SourcePosition where) {
        List<Object> t = LoopItems.asList(terms);
        if (t.size() < 2 || t.size() > 3 || !(t.get(1) instanceof String key)) {
            throw new UserError(where, "subelements lookup expects a list of two or three items: a list or dict, "
                    + "the key of the subelements, and optionally {skip_missing: true}");
        }
        boolean skipMissing = t.size() == 3 && t.get(2) instanceof Map<?, ?> flags
                && Boolean.TRUE.equals(ArgValidator.parseBool(flags.get("skip_missing")));
        List<Object> elements = t.get(0) instanceof Map<?, ?> m ? new ArrayList<>(m.values()) : LoopItems.asList(t.get(0));
        List<Object> out = new ArrayList<>();
        String[] path = key.split("\\.");
        for (Object element : elements) {
            if (!(element instanceof Map<?, ?> map)) {
                throw new UserError(where, "subelements lookup expects a dictionary, got '" + element + "'");
            }
            if (map.containsKey("skipped") && !Boolean.FALSE.equals(map.get("skipped"))) {
                continue;
            }
            Map<String, Object> copy = deepCopy(map);
            Map<String, Object> level = copy;
            List<?> sub = null;
            boolean missing = false;
            for (int i = 0; i < path.length; i++) {
                Object v = level.get(path[i]);
                if (!level.containsKey(path[i])) {
                    if (skipMissing) {
                        missing = true;
                        break;
                    }
                    throw new UserError(where, "could not find '" + path[i] + "' key in iterated item '" + element + "'");
                }
                if (i < path.length - 1) {
                    if (!(v instanceof Map<?, ?>)) {
                        throw new UserError(where, "the key " + path[i] + " should point to a dictionary, got '" + v + "'");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next = (Map<String, Object>) v;
                    level = next;
                } else if (!(v instanceof List<?> l)) {
                    throw new UserError(where, "the key " + path[i] + " should point to a list, got '" + v + "'");
                } else {
                    sub = l;
                    level.remove(path[i]);
                }
            }
            if (!missing && sub != null) {
                for (Object s : sub) {
                    out.add(java.util.Arrays.asList(copy, s));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> inner ? deepCopy(inner) : v));
        return out;
    }
}
