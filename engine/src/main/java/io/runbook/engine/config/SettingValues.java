package io.runbook.engine.config;

import java.util.Map;

/**
 * The values a run's settings have (from its environment, runbook.yml, ansible.cfg or the table's defaults; not the
 * command line's options, as in Ansible), typed as {@link SettingTable} says: what {@code lookup('config', ...)}
 * answers. A run's service, set by the command line that read them.
 *
 * @param base    the base settings' values, by name (null values kept)
 * @param plugins the plugins' settings' values, by {@code type/name} (e.g. {@code connection/ssh}), then setting name
 */
public record SettingValues(Map<String, Object> base, Map<String, Map<String, Object>> plugins) {
    public static final SettingValues NONE = new SettingValues(Map.of(), Map.of());
}
