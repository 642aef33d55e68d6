package io.runbook.engine.config;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The values a run's settings have (from its environment, runbook.yml, ansible.cfg or the table's defaults; not the
 * command line's options, as in Ansible), typed as {@link SettingTable} says. A run's service, set by the command line
 * that read them: {@link #base} and {@link #plugins} are the settings the engine itself honours, read at start;
 * {@link #every} adds Ansible's others, which only {@code lookup('config', ...)} answers, read when first asked for.
 */
public final class SettingValues {
    public static final SettingValues NONE = new SettingValues(Map.of(), Map.of(), null);

    private final Map<String, Object> base;
    private final Map<String, Map<String, Object>> plugins;
    /** Reads every setting's value; null once read, and for values that are already every setting's. */
    private Supplier<SettingValues> reader;
    private SettingValues every;

    /**
     * @param base    the base settings' values, by name (null values kept)
     * @param plugins the plugins' settings' values, by {@code type/name} (e.g. {@code callback/default}), then name
     * @param every   reads every setting's values ({@link #every}); null when these are all of them
     */
    public SettingValues(Map<String, Object> base, Map<String, Map<String, Object>> plugins, Supplier<SettingValues> every) {
        this.base = base;
        this.plugins = plugins;
        this.reader = every;
    }

    /** The values of the base settings the engine honours ({@link SettingTable#ALL}), by name (null values kept). */
    public Map<String, Object> base() {
        return base;
    }

    /** The values of the plugins' settings the engine honours ({@link SettingTable#PLUGINS}), by {@code type/name}. */
    public Map<String, Map<String, Object>> plugins() {
        return plugins;
    }

    /**
     * Every setting's values, Ansible's that the engine does not use too ({@link SettingTable#ansibleBase},
     * {@link SettingTable#ansiblePlugins}, and {@code CONFIG_FILE}): what the config lookup answers. Read at the first
     * call (once; thread-safe), from the same sources as {@link #base}.
     */
    public synchronized SettingValues every() {
        if (every == null) {
            every = reader == null ? this : reader.get();
            reader = null;
        }
        return every;
    }
}
