package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A template's filters and tests that are the run's Python plugins ({@link TemplatePlugins}): found before the
 * engine's own of the same name, as Ansible finds a playbook's filter plugin before its builtin one.
 */
final class PluginCalls {
    private PluginCalls() {
    }

    /**
     * Whether {@code name} is a filter (a test) of the run's plugins. A collection's name the engine has itself
     * ({@code ansible.utils.ipaddr}) is the engine's: only a plain name is the playbook's own before the engine's.
     */
    static boolean isPlugin(Jinja jinja, TemplatePlugins.Kind kind, String name) {
        if (name.indexOf('.') >= 0 && (kind == TemplatePlugins.Kind.FILTER ? Filters.exists(name) : IsTests.exists(name))) {
            return false;
        }
        try {
            return jinja.templatePlugins().has(kind, name);
        } catch (TemplatePlugins.Failure failure) {
            throw new ExpressionFailure(failure.getMessage());  // no python3 to load them with
        }
    }

    /** The plugin's result, its exception the template's error. */
    static Object call(Jinja jinja, TemplatePlugins.Kind kind, String name, Object value, List<Object> args,
                       Map<String, Object> kwargs) {
        List<Object> call = new ArrayList<>(3);
        call.add(value);
        call.add(args);
        call.add(kwargs);
        String arguments = PyJson.dump(call, 0, false);
        jinja.templatePlugins().warnings(kind, name).forEach(FilterWarnings::warn);
        try {
            return Parsing.json(jinja.templatePlugins().call(kind, name, arguments));
        } catch (TemplatePlugins.Failure failure) {
            throw new ExpressionFailure(failure.getMessage());
        }
    }

    /** The error of a filter (a test) neither the engine nor the run's plugins have, with a "did you mean". */
    static ExpressionFailure unknown(Jinja jinja, TemplatePlugins.Kind kind, String name, java.util.Collection<String> own) {
        TreeSet<String> all = new TreeSet<>(own);
        all.addAll(jinja.templatePlugins().names(kind));
        String word = kind == TemplatePlugins.Kind.FILTER ? "filter" : "test";
        String unreadable = jinja.templatePlugins().unreadable(kind);
        String hint = Spelling.didYouMean(name, all);
        if (!unreadable.isEmpty()) {
            hint = (hint == null ? "" : hint + "; ") + "these " + word + " plugins could not be loaded: " + unreadable;
        }
        return new ExpressionFailure("unknown " + word + " '" + name + "'", hint);
    }
}
