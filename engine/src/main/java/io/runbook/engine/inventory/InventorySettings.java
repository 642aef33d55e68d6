package io.runbook.engine.inventory;

import java.util.List;
import java.util.Set;

/**
 * Ansible's {@code [inventory]} settings the engine reads sources by.
 * <p>
 * A source nothing could be read from (a file or folder that is not there, a folder with no inventory in it, a file
 * no enabled plugin reads) is by default a warning ({@code Unable to parse PATH as an inventory source}) and the run
 * goes on without it, with only the implicit localhost when no source was read. {@code noneIsFailed} (Ansible's
 * {@code unparsed_is_failed}, {@code ANSIBLE_INVENTORY_UNPARSED_FAILED}): no source read is an error;
 * {@code anyIsFailed} ({@code any_unparsed_is_failed}, {@code ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED}): any such
 * source is one.
 * <p>
 * {@code enabled} ({@code enable_plugins}, {@code ANSIBLE_INVENTORY_ENABLED}): the inventory plugins that may read a
 * source, by their short names ({@code ansible.builtin.} left out): {@code host_list} (a {@code host1,host2} list),
 * {@code script}, {@code auto} (a file naming its {@code plugin:}), {@code constructed} (such a file of that plugin),
 * {@code yaml}, {@code ini}. A source only a plugin left out would read is not parsed.
 */
public record InventorySettings(boolean noneIsFailed, boolean anyIsFailed, Set<String> enabled) {
    /** Ansible's default enable_plugins (its toml plugin the engine has not). */
    public static final Set<String> DEFAULT_PLUGINS = Set.of("host_list", "script", "auto", "yaml", "ini", "toml");
    /** Ansible's defaults: warnings only, its default plugins. */
    public static final InventorySettings WARN = new InventorySettings(false, false, DEFAULT_PLUGINS);

    public InventorySettings(boolean noneIsFailed, boolean anyIsFailed) {
        this(noneIsFailed, anyIsFailed, DEFAULT_PLUGINS);
    }

    /** enable_plugins as written: names separated by commas, with or without {@code ansible.builtin.}/{@code ansible.legacy.}. */
    public static Set<String> plugins(String written) {
        return Set.copyOf(List.of(written.split(",")).stream().map(String::strip).filter(n -> !n.isEmpty())
                .map(n -> n.replaceFirst("^ansible\\.(builtin|legacy)\\.", "")).toList());
    }

    /** Whether every kind of file the engine reads may be read (Ansible's default): no need to tell them apart. */
    boolean readsEveryFile() {
        return enabled.containsAll(List.of("script", "auto", "yaml", "ini"));
    }

    /** Whether a source of this kind may be read: {@code plugin} the short name of the plugin that reads it. */
    boolean reads(String plugin) {
        return enabled.contains(plugin) || plugin.equals("constructed") && enabled.contains("auto");
    }
}
