package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ansible's plugin filter file ({@code plugin_filters_cfg} in ansible.cfg's [defaults], else
 * {@code /etc/ansible/plugin_filters.yml}), read as ansible-core 2.14's {@code _load_plugin_filter}: {@code filter_version:
 * 1.0} and a {@code module_blacklist} of the modules (and action plugins) a task may not name by their short name; a
 * file that is missing (when set), unreadable or malformed is skipped with Ansible's warning; {@code stat} in the list is
 * an error, as Ansible cannot run without it.
 *
 * @param blocked  the modules' short names
 * @param warnings Ansible's words about a file it skipped
 */
record PluginFilter(Set<String> blocked, List<String> warnings) {
    static final Path DEFAULT = Path.of("/etc/ansible/plugin_filters.yml");

    /** {@code file} as configured, or null: the default file, which need not exist. */
    static PluginFilter read(Path configured) {
        Path file = configured != null ? configured : DEFAULT;
        List<String> warnings = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            if (configured != null) {
                warnings.add("The plugin filter file, " + file + " does not exist. Skipping.");
            }
            return new PluginFilter(Set.of(), warnings);
        }
        Object doc;
        try {
            doc = YamlLoader.load(file).map(YNode::toPlain).orElse(null);
        } catch (UserError e) {
            return skipped("The plugin filter file, " + file + " was not parsable. Skipping: " + e.getMessage());
        }
        if (!(doc instanceof java.util.Map<?, ?> data) || !data.containsKey("filter_version")) {
            return skipped("The plugin filter file, " + file + " was invalid. Skipping.");
        }
        if (!String.valueOf(data.get("filter_version")).strip().equals("1.0")) {
            return skipped("The plugin filter file, " + file + " was a version not recognized by this version of Ansible. "
                    + "Skipping.");
        }
        if (!(data.get("module_blacklist") instanceof List<?> list)) {
            return skipped("Unable to parse the plugin filter file " + file + " as module_blacklist is not a list. Skipping.");
        }
        Set<String> blocked = new LinkedHashSet<>();
        list.forEach(n -> blocked.add(String.valueOf(n)));
        if (blocked.contains("stat")) {
            throw new UserError(SourcePosition.of(file.toString()), "The stat module was specified in the module blacklist "
                    + "file, " + file + ", but Ansible will not function without the stat module.  Please remove stat from "
                    + "the blacklist.");
        }
        return new PluginFilter(Set.copyOf(blocked), List.of());
    }

    private static PluginFilter skipped(String warning) {
        return new PluginFilter(Set.of(), List.of(warning));
    }
}
