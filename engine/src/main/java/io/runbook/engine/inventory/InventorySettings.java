package io.runbook.engine.inventory;

import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.pyplugin.PluginHost;
import java.util.List;

/**
 * Ansible's {@code [inventory]} settings the engine reads sources by.
 * <p>
 * A source nothing could be read from (a file or folder that is not there, a folder with no inventory in it, a file
 * no enabled plugin reads) is by default a warning ({@code Unable to parse PATH as an inventory source}) and the run
 * goes on without it, with only the implicit localhost when no source was read. {@code noneIsFailed} (Ansible's
 * {@code unparsed_is_failed}, {@code ANSIBLE_INVENTORY_UNPARSED_FAILED}): no source read is an error;
 * {@code anyIsFailed} ({@code any_unparsed_is_failed}, {@code ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED}): any such
 * source is one; {@code unparsedWarning} ({@code inventory_unparsed_warning},
 * {@code ANSIBLE_INVENTORY_UNPARSED_WARNING}), on unless set false: no source read is warned about
 * ({@code No inventory was parsed, only implicit localhost is available}).
 * <p>
 * {@code enabled} ({@code enable_plugins}, {@code ANSIBLE_INVENTORY_ENABLED}): the inventory plugins that may read a
 * source, in the order Ansible tries them, by their short names ({@code ansible.builtin.} left out): {@code host_list}
 * (a {@code host1,host2} list, names as written), {@code advanced_host_list} (such a list with its ranges,
 * {@code web[1:3]}, expanded), {@code script}, {@code auto} (a file naming its {@code plugin:}), {@code constructed}
 * (such a file of that plugin), {@code yaml}, {@code ini}, {@code toml} (run by the controller's ansible-core on a
 * .toml file). A source only a plugin left out would read is not parsed; a host list is read by whichever of its two
 * plugins comes first ({@link PluginChain}). A name the engine has no plugin of ({@link #unknown}: a Python plugin's, a
 * collection's) is run by the controller's ansible-core, in its place in the list; one it does not load either (a
 * misspelt name) is skipped with Ansible's warning, and none left is Ansible's error; {@code enabledFrom} says where
 * the list was set, for that error. {@code vars}: the vars plugins' settings ({@link VarsPlugins}).
 * {@code environment}: the run's, which inventory scripts and the controller's ansible-core running a
 * plugin are given in place of the process's. {@code pluginHost}: the run's Python plugin host, which its vars
 * plugins run in (the one its filter and lookup plugins run in, closed with the run); null: the reading starts its
 * own, if a vars plugin is there, and closes it once the sources are read.
 */
public record InventorySettings(boolean noneIsFailed, boolean anyIsFailed, List<String> enabled, String enabledFrom,
                                boolean unparsedWarning, RunEnvironment environment, VarsPluginSettings vars,
                                PluginHost pluginHost) {
    /** The plugin that reads a host list as written. */
    public static final String HOST_LIST = "host_list";
    /** The plugin that reads a host list with its ranges expanded. */
    public static final String ADVANCED_HOST_LIST = "advanced_host_list";
    /** Ansible's default enable_plugins, in its order (its toml plugin the controller's ansible-core runs). */
    public static final List<String> DEFAULT_PLUGINS = List.of(HOST_LIST, "script", "auto", "yaml", "ini", "toml");
    /** Ansible's defaults: warnings only, its default plugins. */
    public static final InventorySettings WARN = new InventorySettings(false, false, DEFAULT_PLUGINS);
    /** The plugins the engine reads sources with (toml, in Ansible's default list, it has the controller's ansible-core run). */
    static final List<String> OWN = List.of(ADVANCED_HOST_LIST, "auto", "constructed", HOST_LIST, "ini", "script", "yaml");

    public InventorySettings {
        enabled = List.copyOf(enabled);
    }

    /** Settings whose reading starts its own plugin host when it needs one. */
    public InventorySettings(boolean noneIsFailed, boolean anyIsFailed, List<String> enabled, String enabledFrom,
                             boolean unparsedWarning, RunEnvironment environment, VarsPluginSettings vars) {
        this(noneIsFailed, anyIsFailed, enabled, enabledFrom, unparsedWarning, environment, vars, null);
    }

    /** Settings with Ansible's default vars plugin settings. */
    public InventorySettings(boolean noneIsFailed, boolean anyIsFailed, List<String> enabled, String enabledFrom,
                             boolean unparsedWarning, RunEnvironment environment) {
        this(noneIsFailed, anyIsFailed, enabled, enabledFrom, unparsedWarning, environment, VarsPluginSettings.DEFAULT);
    }

    /** The same settings, variables asked at {@code stage} ({@link VarsPluginSettings#stage}). */
    public InventorySettings varsAt(String stage) {
        return new InventorySettings(noneIsFailed, anyIsFailed, enabled, enabledFrom, unparsedWarning, environment,
                vars.at(stage), pluginHost);
    }

    /** The same settings for a command that asks for no host's variables ({@link VarsPluginSettings#notDemanded}). */
    public InventorySettings varsNotDemanded() {
        return new InventorySettings(noneIsFailed, anyIsFailed, enabled, enabledFrom, unparsedWarning, environment,
                vars.notDemanded(), pluginHost);
    }

    /** The same settings, the vars plugins run in {@code host} (the run's, which the run closes). */
    public InventorySettings withPluginHost(PluginHost host) {
        return new InventorySettings(noneIsFailed, anyIsFailed, enabled, enabledFrom, unparsedWarning, environment,
                vars, host);
    }

    /** Settings of a run with no environment (an inventory read alone). */
    public InventorySettings(boolean noneIsFailed, boolean anyIsFailed, List<String> enabled, String enabledFrom,
                             boolean unparsedWarning) {
        this(noneIsFailed, anyIsFailed, enabled, enabledFrom, unparsedWarning, RunEnvironment.EMPTY);
    }

    public InventorySettings(boolean noneIsFailed, boolean anyIsFailed, List<String> enabled) {
        this(noneIsFailed, anyIsFailed, enabled, "ANSIBLE_INVENTORY_ENABLED", true);
    }

    public InventorySettings(boolean noneIsFailed, boolean anyIsFailed) {
        this(noneIsFailed, anyIsFailed, DEFAULT_PLUGINS);
    }

    /**
     * The enabled names the engine has no plugin of, in order (toml aside): the plugins it asks the controller's
     * ansible-core to run, or skips as Ansible does one it cannot load.
     */
    List<String> unknown() {
        return enabled.stream().filter(p -> !OWN.contains(p) && !p.equals("toml")).toList();
    }

    /** enable_plugins as written: names separated by commas, with or without {@code ansible.builtin.}/{@code ansible.legacy.}, in order. */
    public static List<String> plugins(String written) {
        return List.of(written.split(",")).stream().map(String::strip).filter(n -> !n.isEmpty())
                .map(n -> n.replaceFirst("^ansible\\.(builtin|legacy)\\.", "")).distinct().toList();
    }

    /**
     * The plugin that reads a {@code -i} host list: {@link #HOST_LIST} or {@link #ADVANCED_HOST_LIST}, whichever
     * {@code enabled} names first, as Ansible tries them in order; null when neither is enabled (the list is not parsed).
     */
    public String hostListPlugin() {
        return enabled.stream().filter(p -> p.equals(HOST_LIST) || p.equals(ADVANCED_HOST_LIST)).findFirst().orElse(null);
    }
}
