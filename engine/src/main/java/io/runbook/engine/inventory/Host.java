package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import java.util.List;

/**
 * One inventory host.
 *
 * @param name     the inventory name ({@code inventory_hostname})
 * @param groups   every group the host belongs to, directly or through a parent, including {@code all}, in
 *                 variable merge order (lowest precedence first); never null
 * @param position where the host was first declared; for the implicit localhost, a position without a line
 * @param implicit true only for the implicit {@code localhost} that exists without being declared (it is not
 *                 part of {@code all}, as in Ansible)
 */
public record Host(String name, List<String> groups, SourcePosition position, boolean implicit) {
    public Host {
        groups = List.copyOf(groups);
    }

    /** Ansible's {@code group_names}: the host's groups except {@code all}, sorted by name. */
    public List<String> groupNames() {
        return groups.stream().filter(g -> !g.equals(Inventory.ALL)).sorted().toList();
    }

    /**
     * Ansible's {@code inventory_hostname_short} of host {@code name}: an IP address ({@link HostAddress#isIpAddress})
     * whole, any other name up to its first '.'.
     */
    public static String shortName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 || HostAddress.isIpAddress(name) ? name : name.substring(0, dot);
    }
}
