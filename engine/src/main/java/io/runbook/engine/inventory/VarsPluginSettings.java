package io.runbook.engine.inventory;

import java.nio.file.Path;
import java.util.List;

/**
 * Ansible's vars plugin settings: {@code paths} (DEFAULT_VARS_PLUGIN_PATH: {@code ANSIBLE_VARS_PLUGINS}, [defaults]
 * {@code vars_plugins}), {@code enabled} (VARIABLE_PLUGINS_ENABLED: {@code ANSIBLE_VARS_ENABLED}, [defaults]
 * {@code vars_plugins_enabled}; {@code host_group_vars} by default), {@code run} (RUN_VARS_PLUGINS:
 * {@code ANSIBLE_RUN_VARS_PLUGINS}, [defaults] {@code run_vars_plugins}: {@code demand} or {@code start}) and the
 * stage the command asks for variables at: {@code task} (a playbook's or an ad hoc command's tasks) or {@code all}
 * ({@code ansible-inventory}'s listing, which runs every plugin whatever its stage). {@code demanded}: whether the
 * command asks for hosts' variables at all; {@code --syntax-check} and the {@code --list-*} listings do not, so that
 * Ansible's host_group_vars never reads a file there, and a vars file encrypted with a vault password not given
 * reads as no variables ({@link #notDemanded}) instead of refusing the command.
 */
public record VarsPluginSettings(List<Path> paths, List<String> enabled, String run, String stage, boolean demanded) {
    /** Ansible's defaults, for tasks. */
    public static final VarsPluginSettings DEFAULT = new VarsPluginSettings(List.of(), List.of("host_group_vars"),
            "demand", "task");

    /** Settings of a command that asks for hosts' variables. */
    public VarsPluginSettings(List<Path> paths, List<String> enabled, String run, String stage) {
        this(paths, enabled, run, stage, true);
    }

    public VarsPluginSettings {
        paths = List.copyOf(paths);
        enabled = List.copyOf(enabled);
    }

    /** The same settings for variables asked at {@code newStage}. */
    public VarsPluginSettings at(String newStage) {
        return new VarsPluginSettings(paths, enabled, run, newStage, demanded);
    }

    /** The same settings for a command that asks for no host's variables ({@code --syntax-check}, {@code --list-*}). */
    public VarsPluginSettings notDemanded() {
        return new VarsPluginSettings(paths, enabled, run, stage, false);
    }

    /** Whether the builtin host_group_vars (the engine's own group_vars/ and host_vars/ reading) is enabled. */
    boolean hostGroupVars() {
        return enabled.stream().anyMatch(n -> n.equals("host_group_vars") || n.equals("ansible.builtin.host_group_vars")
                || n.equals("ansible.legacy.host_group_vars"));
    }

    /**
     * Whether host_group_vars reads the playbook's folder: it runs there only when variables are demanded (with
     * {@code run_vars_plugins: start} it runs once, on the inventory sources, after reading them).
     */
    boolean playbookSide() {
        return stage.equals("all") || !run.equals("start");
    }

    /** The collections' plugins vars_plugins_enabled names ({@code ns.coll.name}): Ansible loads only those. */
    boolean namesCollectionPlugins() {
        return enabled.stream().anyMatch(n -> n.split("\\.").length == 3 && !n.startsWith("ansible.builtin.")
                && !n.startsWith("ansible.legacy."));
    }
}
