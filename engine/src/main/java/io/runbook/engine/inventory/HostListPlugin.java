package io.runbook.engine.inventory;

import java.util.List;

/**
 * Which of Ansible's plugins reads an inventory source given as a list of hosts ({@code -i 'web1,web[2:4],'}), as
 * {@code INVENTORY_ENABLED} ({@code ANSIBLE_INVENTORY_ENABLED}, ansible.cfg's {@code [inventory] enable_plugins})
 * orders them: {@code host_list} (the default) takes each name as written, {@code advanced_host_list} expands its
 * ranges ({@code web[2:4]}) as an INI inventory does.
 */
public enum HostListPlugin {
    HOST_LIST, ADVANCED_HOST_LIST;

    /** The plugin that reads a host list first among {@code enabled} (Ansible's plugin names, short or long). */
    public static HostListPlugin of(List<String> enabled) {
        for (String name : enabled) {
            String plugin = name.strip().replaceFirst("^ansible\\.builtin\\.", "");
            if (plugin.equals("advanced_host_list")) {
                return ADVANCED_HOST_LIST;
            }
            if (plugin.equals("host_list")) {
                return HOST_LIST;
            }
        }
        return HOST_LIST;
    }
}
