package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lookups that are the run's Python lookup plugins ({@code lookup_plugins/} beside a playbook or in a role, the
 * configured folders, a collection's {@code plugins/lookup/}): run in the controller's ansible-core as Ansible's
 * Templar runs them ({@link TemplatePlugins#lookup}), with the host's variables as written (Ansible hands a lookup
 * its variables unrendered; vaulted values as their plain text, to the plugin only).
 */
final class PythonLookups {
    /** Variables not sent: each host's variables again (Ansible's are lazy; here they would be copied whole). */
    private static final Set<String> NOT_SENT = Set.of("hostvars", "vars");
    private static final Object UNSENDABLE = new Object();

    private PythonLookups() {
    }

    /**
     * Whether the lookup {@code written} is one of the run's plugins: a plain name is the playbook's before the
     * engine's (Ansible's loader finds a playbook's lookup before its builtin one), a collection's name only when the
     * engine lacks it.
     */
    static boolean isPlugin(Jinja jinja, String written) {
        if (written.indexOf('.') >= 0 && Lookups.names().contains(Lookups.bareName(written))) {
            return false;
        }
        try {
            return jinja.templatePlugins().has(TemplatePlugins.Kind.LOOKUP, written);
        } catch (TemplatePlugins.Failure failure) {
            throw new ExpressionFailure(failure.getMessage());  // no python3 to look with
        }
    }

    /** The plugins' lookup names found so far, for a "did you mean". */
    static Collection<String> names(Jinja jinja) {
        return jinja.templatePlugins().names(TemplatePlugins.Kind.LOOKUP);
    }

    /**
     * What the lookup {@code name} gives for {@code terms}: a list, or a mapping (which Ansible lets a lookup give), or
     * null when {@code errors} ({@code ignore}, {@code warn}) let its failure pass (a warning shown for {@code warn}).
     * {@code loop}: a {@code with_<name>} loop's items.
     */
    static Object run(String name, List<Object> terms, Map<String, Object> kwargs, String errors, boolean loop,
                            Frame frame) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("terms", plainOrText(terms));
        call.put("kwargs", plainOrText(kwargs));
        call.put("variables", variables(frame.vars()));
        call.put("basedir", frame.baseDir == null ? null : frame.baseDir.toAbsolutePath().toString());
        call.put("errors", errors);
        call.put("loop", loop);
        Map<?, ?> answer;
        try {
            answer = (Map<?, ?>) Parsing.json(frame.jinja.templatePlugins().lookup(name, PyJson.dump(call, 0, false)));
        } catch (TemplatePlugins.Failure failure) {
            throw new ExpressionFailure(failure.getMessage());
        }
        if (answer.get("warning") != null) {
            FilterWarnings.warn(String.valueOf(answer.get("warning")));
        }
        return answer.get("result") instanceof List<?> result ? new ArrayList<>(result) : answer.get("result");
    }

    /**
     * ansible-core's own lookup {@code name} ({@code ansible.builtin.<name>}), for a call the engine's does not answer
     * ({@link LookupPlugin.InAnsible}): the run's plugin folders loaded first, so that its plugin loader finds the
     * plugin named by {@code plugin_name} (a lookup of {@code lookup_plugins/} or of a collection).
     */
    static Object inAnsible(String name, List<Object> terms, Map<String, Object> kwargs, String errors, boolean loop,
                            Frame frame) {
        if (kwargs.get("plugin_name") instanceof CharSequence plugin) {
            isPlugin(frame.jinja, plugin.toString());
        }
        return run("ansible.builtin." + name, terms, kwargs, errors, loop, frame);
    }

    /** The host's variables as written, each that is plain data (a value of another kind is left out). */
    private static Map<String, Object> variables(Map<String, Object> vars) {
        Map<String, Object> out = new LinkedHashMap<>();
        Collection<String> names = vars instanceof VarScope scope ? scope.names() : vars.keySet();
        for (String name : names) {
            if (!NOT_SENT.contains(name)) {
                Object value = plain(vars instanceof VarScope scope ? scope.raw(name) : vars.get(name), 0);
                if (value != UNSENDABLE && value != PyValues.MISSING) {
                    out.put(name, value);
                }
            }
        }
        return out;
    }

    private static Object plainOrText(Object value) {
        Object plain = plain(LazyData.materialize(value), 0);
        if (plain == UNSENDABLE) {
            throw new ExpressionFailure("a lookup plugin's terms and options are plain data, not " + PyValues.typeName(value));
        }
        return plain;
    }

    /** value as plain data (maps, lists, text, numbers, booleans, None), or {@link #UNSENDABLE}. */
    private static Object plain(Object value, int depth) {
        if (depth > 100) {
            return UNSENDABLE;
        }
        if (value == null || value instanceof Boolean || value instanceof Number || value == PyValues.MISSING) {
            return value;
        }
        if (value instanceof CharSequence text) {
            return text.toString();  // a secret's plain text: the plugin reads it, the engine never prints it
        }
        if (value instanceof io.runbook.engine.vault.VaultedValue vaulted) {
            try {
                return vaulted.open();
            } catch (RuntimeException e) {
                return UNSENDABLE;  // no secret opens it: Ansible fails only when the plugin reads it
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object v = plain(e.getValue(), depth + 1);
                if (v == UNSENDABLE) {
                    return UNSENDABLE;
                }
                out.put(e.getKey() instanceof CharSequence k ? k.toString() : PyValues.str(e.getKey()), v);
            }
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                Object v = plain(item, depth + 1);
                if (v == UNSENDABLE) {
                    return UNSENDABLE;
                }
                out.add(v);
            }
            return out;
        }
        return UNSENDABLE;
    }
}
