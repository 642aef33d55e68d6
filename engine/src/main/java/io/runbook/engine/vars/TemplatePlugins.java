package io.runbook.engine.vars;

import java.util.Collection;
import java.util.List;

/**
 * Filters, tests and lookups that live outside the engine: a run's Python plugins ({@code filter_plugins/},
 * {@code test_plugins/}, {@code lookup_plugins/}, a collection's {@code plugins/filter/}...). Values cross as JSON text (Python's json: None,
 * booleans, ints and floats kept apart). One per run, called from many hosts' threads at once.
 */
public interface TemplatePlugins {
    /** What a plugin is. */
    enum Kind { FILTER, TEST, LOOKUP }

    TemplatePlugins NONE = new TemplatePlugins() {
        @Override
        public boolean has(Kind kind, String name) {
            return false;
        }

        @Override
        public Collection<String> names(Kind kind) {
            return List.of();
        }

        @Override
        public String call(Kind kind, String name, String arguments) {
            throw new Failure("no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " plugin '" + name + "' in this run");
        }
    };

    /** Whether a plugin called {@code name} ({@code ns.coll.name} for a collection's) is found. */
    boolean has(Kind kind, String name);

    /** The names of the plugins found so far (for a "did you mean"). */
    Collection<String> names(Kind kind);

    /** Why plugin files of that kind could not be read ({@code FILE: ModuleNotFoundError: …}), one a line, or "". */
    default String unreadable(Kind kind) {
        return "";
    }

    /**
     * The warnings Ansible shows when it looks for {@code name}: for a collection's name, one for each plugin file of
     * that collection that failed to load ({@code Skipping filter plugins in ns.coll.file'; an error occurred while
     * loading: …}).
     */
    default List<String> warnings(Kind kind, String name) {
        return List.of();
    }

    /**
     * The plugin's result for {@code arguments}, a JSON array {@code [value, [args...], {kwargs...}]}, as JSON.
     * Throws {@link Failure} with the plugin's message (an exception it raised).
     */
    String call(Kind kind, String name, String arguments);

    /**
     * A lookup plugin's answer to {@code call}, a JSON object ({@code terms}, {@code kwargs}, {@code variables},
     * {@code basedir}, {@code errors}, {@code loop}): a JSON object whose {@code result} is the list it gave (null when
     * {@code errors} let its failure pass) and {@code warning} what to warn about. Throws {@link Failure} with
     * Ansible's message when it failed.
     */
    default String lookup(String name, String call) {
        throw new Failure("no lookup plugin '" + name + "' in this run");
    }

    /** Why a plugin found no result: what a template's error says. */
    final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }
    }
}
