package io.runbook.engine.exec;

import io.runbook.engine.config.SettingTable;
import io.runbook.engine.config.SettingValues;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vars.LookupPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code config} lookup: the values of the settings of {@link SettingTable} as this run read them from its
 * environment, runbook.yml and ansible.cfg ({@link SettingValues}; not the command line's options, as in Ansible),
 * and {@code CONFIG_FILE}; with {@code plugin_type}/{@code plugin_name} a plugin's (the options ansible-core has for
 * the builtin plugins the engine knows, {@link SettingTable#lookup}), the host's variables first; any other plugin's
 * (a Python plugin of {@code lookup_plugins/} or a collection, its DOCUMENTATION's options, or an unknown one) is
 * answered by ansible-core's own config lookup in the run's Python plugin host ({@link LookupPlugin.InAnsible}). The names of
 * ansible.constants that are Python callables ({@code ConfigManager}) are refused as Ansible refuses them. Any other name is a missing setting ({@code on_missing}: {@code error}, {@code warn},
 * {@code skip}), with Ansible's messages.
 */
final class ConfigLookup implements LookupPlugin {
    private static final List<String> ON_MISSING = List.of("error", "skip", "warn");
    private static final List<String> PLUGIN_TYPES = List.of("become", "cache", "callback", "cliconf", "connection", "httpapi",
            "inventory", "lookup", "netconf", "shell", "vars");
    /** The names of ansible.constants (2.14) that are no settings but Python callables, which Ansible refuses so. */
    private static final List<String> CALLABLES = List.of("ConfigManager", "Sequence", "add_internal_fqcns",
            "set_constant", "to_text");
    private final RunState run;

    ConfigLookup(RunState run) {
        this.run = run;
    }

    @Override
    public String name() {
        return "config";
    }

    @Override
    public List<Object> run(List<Object> terms, Map<String, Object> options, ModuleContext context) {
        String onMissing = choice(options, "on_missing", "error", ON_MISSING);
        String pluginType = choice(options, "plugin_type", null, PLUGIN_TYPES);
        Object pluginName = options.get("plugin_name");
        for (String key : options.keySet()) {
            if (!List.of("on_missing", "plugin_type", "plugin_name").contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is not an option of the config lookup (on_missing, plugin_type, plugin_name)");
            }
        }
        if ((pluginType == null) != (pluginName == null)) {
            throw new IllegalArgumentException("Both plugin_type and plugin_name are required, cannot use one without the other");
        }
        // every setting's, Ansible's that the engine does not use too: read at the run's first config lookup
        SettingValues values = ((SettingValues) run.options.services().getOrDefault(SettingValues.class, SettingValues.NONE)).every();
        Map<String, SettingTable.Def> defs = pluginType == null ? null : SettingTable.lookup(pluginType, String.valueOf(pluginName));
        if (defs != null && defs.isEmpty()) {
            throw new LookupPlugin.InAnsible();  // a Python plugin's (or none): ansible-core's config lookup answers
        }
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            if (!(term instanceof CharSequence)) {
                throw new IllegalArgumentException("Invalid setting identifier, \"" + term + "\" is not a string, its a <class '"
                        + (term instanceof Integer || term instanceof Long ? "int" : term == null ? "NoneType" : term.getClass().getSimpleName()) + "'>");
            }
            String name = term.toString();
            if (defs == null && CALLABLES.contains(name)) {
                throw new IllegalArgumentException("Invalid setting \"" + name + "\" attempted");
            }
            boolean known = defs == null ? values.base().containsKey(name) : defs.containsKey(name);
            if (known) {
                out.add(defs == null ? values.base().get(name) : plugin(defs.get(name), values.plugins()
                        .getOrDefault(pluginType + "/" + SettingTable.shortName(String.valueOf(pluginName)), Map.of()), context.vars()));
            } else if (onMissing.equals("error")) {
                throw new IllegalArgumentException("Unable to find setting " + name + ": " + (pluginType == null
                        ? "no setting of Ansible (ansible-core 2.14) has that name"
                        : "Requested entry (plugin_type: " + pluginType + " plugin: " + pluginName + " setting: " + name
                        + " ) was not defined in configuration (the engine knows " + String.join(", ", defs.keySet()) + ")"));
            } else if (onMissing.equals("warn")) {
                run.listeners.warning("Skipping, did not find setting " + name);
            }
        }
        return out;
    }

    private static String choice(Map<String, Object> options, String name, String fallback, List<String> valid) {
        Object value = options.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof CharSequence) || !valid.contains(value.toString())) {
            throw new IllegalArgumentException("Invalid value \"" + value + "\" for configuration option \"plugin_type: lookup plugin: config setting: "
                    + name + " \", valid values are: " + String.join(", ", valid));
        }
        return value.toString();
    }

    /** A plugin's setting: the last of its host variables set, else the value the run read for it. */
    private static Object plugin(SettingTable.Def def, Map<String, Object> configured, Map<String, Object> vars) {
        Object found = null;
        for (String n : def.vars()) {
            Object v = vars.get(n);
            if (v != null) {
                found = v;
            }
        }
        if (found == null) {
            return configured.get(def.name());
        }
        return switch (def.type()) {
            case "integer" -> port(found);
            case "boolean" -> found instanceof String text ? SettingTable.bool(text) : found;
            // Ansible's ensure_type: a text is split at each comma
            case "list" -> found instanceof String text ? java.util.Arrays.stream(text.split(",", -1)).map(String::strip).toList() : found;
            default -> found;
        };
    }

    private static Object port(Object value) {
        if (value instanceof Integer) {
            return value;
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
