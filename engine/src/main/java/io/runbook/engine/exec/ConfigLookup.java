package io.runbook.engine.exec;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vars.LookupPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ansible's {@code config} lookup, for the Ansible settings the engine has a meaning for, with the values this run
 * uses: {@code DEFAULT_ROLES_PATH}, {@code DEFAULT_FORKS}, {@code DEFAULT_HOST_LIST}, {@code DEFAULT_GATHERING},
 * {@code DEFAULT_STRATEGY}, {@code DEFAULT_FORCE_HANDLERS}, {@code DEFAULT_FACT_PATH}, {@code DEFAULT_HASH_BEHAVIOUR}, {@code CONFIG_FILE},
 * {@code DEFAULT_STDOUT_CALLBACK}; with {@code plugin_type='connection', plugin_name='ssh'} the host's
 * {@code remote_user}, {@code port}, {@code host}, {@code private_key_file}. Any other name is a missing setting
 * ({@code on_missing}: {@code error}, {@code warn}, {@code skip}), with Ansible's messages.
 */
final class ConfigLookup implements LookupPlugin {
    private static final List<String> ON_MISSING = List.of("error", "skip", "warn");
    private static final List<String> PLUGIN_TYPES = List.of("become", "cache", "callback", "cliconf", "connection", "httpapi",
            "inventory", "lookup", "netconf", "shell", "vars");
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
        Map<String, Function<Map<String, Object>, Object>> settings = pluginType == null ? global()
                : plugin(pluginType, String.valueOf(pluginName));
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            if (!(term instanceof CharSequence)) {
                throw new IllegalArgumentException("Invalid setting identifier, \"" + term + "\" is not a string, its a <class '"
                        + (term instanceof Integer || term instanceof Long ? "int" : term == null ? "NoneType" : term.getClass().getSimpleName()) + "'>");
            }
            String name = term.toString();
            Function<Map<String, Object>, Object> setting = settings.get(name);
            if (setting != null) {
                out.add(setting.apply(context.vars()));
            } else if (onMissing.equals("error")) {
                throw new IllegalArgumentException("Unable to find setting " + name + ": " + (pluginType == null
                        ? "not a setting of Ansible that the engine uses (" + String.join(", ", settings.keySet()) + ")"
                        : "Requested entry (plugin_type: " + pluginType + " plugin: " + pluginName + " setting: " + name
                        + " ) was not defined in configuration (the engine knows " + String.join(", ", settings.keySet()) + ")"));
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

    /** The run's settings, by Ansible's names. */
    private Map<String, Function<Map<String, Object>, Object>> global() {
        RunOptions o = run.options;
        Map<String, Function<Map<String, Object>, Object>> s = new LinkedHashMap<>();
        s.put("CONFIG_FILE", v -> o.configFile());
        s.put("DEFAULT_FACT_PATH", v -> o.factPath());
        s.put("ERROR_ON_MISSING_HANDLER", v -> o.errorOnMissingHandler());
        s.put("DEFAULT_FORCE_HANDLERS", v -> o.forceHandlers());
        s.put("DEFAULT_FORKS", v -> o.forks());
        s.put("DEFAULT_GATHERING", v -> o.gathering());
        s.put("DEFAULT_HASH_BEHAVIOUR", v -> o.hashBehaviour().name().toLowerCase(java.util.Locale.ROOT));
        s.put("DEFAULT_NO_LOG", v -> o.noLog());
        s.put("DEFAULT_HOST_LIST", v -> o.inventories().stream().map(i -> (Object) Path.of(i).toAbsolutePath().normalize().toString()).toList());
        s.put("DEFAULT_ROLES_PATH", v -> o.roleSearch().rolesPath().stream().map(p -> (Object) p.toString()).toList());
        s.put("DEFAULT_STDOUT_CALLBACK", v -> "default");
        s.put("DEFAULT_STRATEGY", v -> o.defaultStrategy() == null ? "linear" : o.defaultStrategy());
        return s;
    }

    /** A plugin's settings: only the SSH connection's, from the host's variables (as Ansible: the last name set wins). */
    private static Map<String, Function<Map<String, Object>, Object>> plugin(String type, String name) {
        if (!type.equals("connection") || !name.equals("ssh") && !name.equals("ansible.builtin.ssh")) {
            throw new IllegalArgumentException("Unable to load " + type + " plugin \"" + name + "\"" + (type.equals("connection")
                    ? "" : " (the engine has settings only for the ssh connection)"));
        }
        Map<String, Function<Map<String, Object>, Object>> s = new LinkedHashMap<>();
        s.put("host", v -> last(v, "inventory_hostname", "ansible_host", "ansible_ssh_host"));
        s.put("port", v -> port(last(v, "ansible_port", "ansible_ssh_port")));
        s.put("private_key_file", v -> last(v, "ansible_private_key_file", "ansible_ssh_private_key_file"));
        s.put("remote_user", v -> last(v, "ansible_user", "ansible_ssh_user"));
        return s;
    }

    private static Object last(Map<String, Object> vars, String... names) {
        Object found = null;
        for (String n : names) {
            Object v = vars.get(n);
            if (v != null) {
                found = v;
            }
        }
        return found;
    }

    private static Object port(Object value) {
        if (value == null || value instanceof Integer) {
            return value;
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
