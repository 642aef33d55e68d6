package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.report.PythonRepr;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one file of Ansible's constructed inventory plugin ({@code plugin: constructed}), read and checked
 * before any host is looked at. Stricter than Ansible, which skips options it does not know: an unknown option is an
 * error at its position with a "did you mean", as an unknown key in a static inventory is.
 *
 * @param compose      variable name to the Jinja expression that gives its value, in file order
 * @param groups       group name (as written) to the condition that puts a host in it, in file order
 * @param keyedGroups  the {@code keyed_groups} entries, in file order
 */
record ConstructedConfig(boolean strict, List<Expression> compose, List<Expression> groups, List<KeyedGroup> keyedGroups,
        boolean useExtraVars, boolean useVarsPlugins, boolean leadingSeparator) {
    /** The names {@code plugin:} may have for this plugin. */
    static final List<String> NAMES = List.of("constructed", "ansible.builtin.constructed");
    private static final List<String> OPTIONS = List.of("plugin", "strict", "compose", "groups", "keyed_groups",
            "use_extra_vars", "use_vars_plugins", "leading_separator");
    private static final List<String> KEYED = List.of("key", "prefix", "separator", "parent_group", "default_value",
            "trailing_separator");

    /** A name and the expression written for it, with the positions of both. */
    record Expression(String name, SourcePosition namePosition, String text, SourcePosition position) {
    }

    /**
     * One {@code keyed_groups} entry.
     *
     * @param defaultValue      the name part for a value that is the empty text, or null
     * @param trailingSeparator null when not written (Ansible's default keeps the separator)
     * @param parentGroup       a template for the parent group's name, or null
     */
    record KeyedGroup(Expression key, String prefix, String separator, String parentGroup, String defaultValue,
            Boolean trailingSeparator) {
    }

    static ConstructedConfig read(YMap top) {
        for (YMap.Entry e : top.entries()) {
            if (!OPTIONS.contains(e.key())) {
                throw unknown(e, OPTIONS, "an option of the constructed inventory plugin");
            }
        }
        return new ConstructedConfig(bool(top, "strict", false), expressions(top, "compose"), expressions(top, "groups"),
                keyedGroups(top), bool(top, "use_extra_vars", false), bool(top, "use_vars_plugins", false),
                bool(top, "leading_separator", true));
    }

    private static UserError unknown(YMap.Entry e, List<String> known, String what) {
        String hint = Suggestions.didYouMean(e.key(), known);
        if (hint == null && e.key().equals("leading_separator")) {
            hint = "leading_separator is an option of the file (beside keyed_groups), not of one keyed group";
        }
        return new UserError(e.keyPosition(), "'" + e.key() + "' is not " + what + " (the engine reads "
                + String.join(", ", known) + ")", hint);
    }

    private static boolean bool(YMap map, String name, boolean dflt) {
        Boolean b = optionalBool(map, name);
        return b == null ? dflt : b;
    }

    /** A boolean option as Ansible's config reads one: true/false, yes/no, on/off, 1/0 (also as text). */
    private static Boolean optionalBool(YMap map, String name) {
        YNode node = map.get(name).orElse(null);
        if (node == null || node instanceof YScalar s && s.isNull()) {
            return null;
        }
        if (node instanceof YScalar s) {
            Object v = s.value();
            if (v instanceof Boolean b) {
                return b;
            }
            String text = String.valueOf(v).strip().toLowerCase(java.util.Locale.ROOT);
            if (List.of("yes", "on", "1", "true", "t", "y", "1.0").contains(text)) {
                return true;
            }
            if (List.of("no", "off", "0", "false", "f", "n", "0.0").contains(text)) {
                return false;
            }
        }
        throw new UserError(node.position(), "'" + name + "' must be true or false, not " + node.describe());
    }

    private static List<Expression> expressions(YMap top, String option) {
        YNode node = top.get(option).orElse(null);
        List<Expression> out = new ArrayList<>();
        if (node == null || node instanceof YScalar s && s.isNull()) {
            return out;
        }
        if (!(node instanceof YMap map)) {
            throw new UserError(node.position(), "'" + option + "' must be a mapping of names to Jinja expressions, not "
                    + node.describe(), option.equals("groups") ? "write 'web: inventory_hostname.startswith(\"web\")'"
                    : "write 'fqdn: inventory_hostname ~ \".example.com\"'");
        }
        for (YMap.Entry e : map.entries()) {
            out.add(new Expression(e.key(), e.keyPosition(), expression(e.value()), e.value().position()));
        }
        return out;
    }

    /** An expression as Ansible puts it into its template: Python's str() of what is written. */
    private static String expression(YNode value) {
        if (value instanceof YScalar s) {
            return s.value() instanceof CharSequence text ? text.toString() : PythonRepr.str(s.value());
        }
        throw new UserError(value.position(), "an expression must be text (a Jinja expression without {{ }}), not "
                + value.describe());
    }

    private static List<KeyedGroup> keyedGroups(YMap top) {
        YNode node = top.get("keyed_groups").orElse(null);
        List<KeyedGroup> out = new ArrayList<>();
        if (node == null || node instanceof YScalar s && s.isNull()) {
            return out;
        }
        if (!(node instanceof YList list)) {
            throw new UserError(node.position(), "'keyed_groups' must be a list of entries with 'key' (and 'prefix', "
                    + "'separator', ...), not " + node.describe(), "write each entry as '- key: ...' on its own line");
        }
        for (YNode item : list.items()) {
            if (!(item instanceof YMap entry)) {
                throw new UserError(item.position(), "a keyed_groups entry must be a mapping with 'key' (and 'prefix', "
                        + "'separator', ...), not " + item.describe());
            }
            for (YMap.Entry e : entry.entries()) {
                if (!KEYED.contains(e.key())) {
                    throw unknown(e, KEYED, "an option of a keyed_groups entry");
                }
            }
            YMap.Entry key = entry.entry("key").orElseThrow(() -> new UserError(entry.position(),
                    "a keyed_groups entry needs 'key': the expression whose value names the groups"));
            Expression expression = new Expression("key", key.keyPosition(), expression(key.value()), key.value().position());
            String defaultValue = text(entry, "default_value", null);
            Boolean trailing = optionalBool(entry, "trailing_separator");
            if (defaultValue != null && trailing != null) {
                // as Ansible, which says so when a host has a key (the wording is its own)
                throw new UserError(entry.get("trailing_separator").get().position(), "parameters are mutually exclusive "
                        + "for keyed groups: default_value|trailing_separator");
            }
            out.add(new KeyedGroup(expression, text(entry, "prefix", ""), text(entry, "separator", "_"),
                    text(entry, "parent_group", null), defaultValue, trailing));
        }
        return out;
    }

    private static String text(YMap map, String name, String dflt) {
        YNode node = map.get(name).orElse(null);
        if (node == null || node instanceof YScalar s && s.isNull()) {
            return dflt;
        }
        if (node instanceof YScalar s) {
            return s.value() instanceof CharSequence t ? t.toString() : PythonRepr.str(s.value());
        }
        throw new UserError(node.position(), "'" + name + "' must be text, not " + node.describe());
    }
}
