package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.report.PythonRepr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The names a {@code keyed_groups} entry gives a host, before its prefix and separator, as ansible-core 2.14's
 * constructed plugin makes them from the key's value: text is one name, a list one name per item, a mapping one name
 * per entry ({@code key<separator>value}); an empty text or item is {@code default_value} when there is one; an entry
 * whose value is empty text is {@code key<separator>default_value}, or just the key with {@code trailing_separator:
 * false}. Values that are not text are written as Python's str() writes them ({@code None}, {@code True},
 * {@code {'a': 1}}): the group name then has {@code _} for each character a name cannot have.
 */
final class KeyedGroupNames {
    private KeyedGroupNames() {
    }

    static List<String> of(Object key, ConstructedConfig.KeyedGroup keyed, SourcePosition where) {
        List<String> names = new ArrayList<>();
        String dflt = keyed.defaultValue();
        if (key instanceof CharSequence text) {
            names.add(text.isEmpty() && dflt != null ? dflt : text.toString());
        } else if (key instanceof Collection<?> items) {
            for (Object item : items) {
                names.add(isEmptyText(item) && dflt != null ? dflt : str(item));
            }
        } else if (key instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                String bare = str(name) + keyed.separator() + str(value);
                if (isEmptyText(value)) {
                    if (dflt != null) {
                        bare = str(name) + keyed.separator() + dflt;
                    } else if (Boolean.FALSE.equals(keyed.trailingSeparator())) {
                        bare = str(name);
                    }
                }
                names.add(bare);
            });
        } else {
            // as Ansible, whatever strict says
            throw new UserError(where, "Invalid group name format, expected a string or a list of them or dictionary, "
                    + "got: <class '" + pythonType(key) + "'>", "turn the value into text in the key, e.g. 'key: "
                    + "replicas | string'");
        }
        return names;
    }

    private static boolean isEmptyText(Object value) {
        return value instanceof CharSequence s && s.isEmpty();
    }

    private static String str(Object value) {
        return value instanceof CharSequence s ? s.toString() : PythonRepr.str(value);
    }

    private static String pythonType(Object value) {
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return "int";
        }
        if (value instanceof Number) {
            return "float";
        }
        return value == null ? "NoneType" : value.getClass().getSimpleName();
    }
}
