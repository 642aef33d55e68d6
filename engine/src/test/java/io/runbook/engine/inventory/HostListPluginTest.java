package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runbook.engine.vars.HashBehaviour;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host list given to -i, read as Ansible's host_list (names as written) or advanced_host_list (ranges expanded). */
class HostListPluginTest {
    private static List<String> hosts(String list, HostListPlugin plugin) {
        return Inventory.load(List.of(list), null, HashBehaviour.REPLACE, GroupNameChars.NEVER, Map.of(), plugin).hosts()
                .stream().map(Host::name).toList();
    }

    @Test
    void advancedHostListExpandsRangesAsInventoryIntegrationTargetExpects() {
        assertEquals(List.of("local100", "local102", "local104", "local106", "local108", "local110"),
                hosts("local100,local[100:110:2]", HostListPlugin.ADVANCED_HOST_LIST));
    }

    @Test
    void hostListKeepsARangeAsWrittenAsAnsibleDoes() {
        assertEquals(List.of("local100", "local[100:110:2]"), hosts("local100,local[100:110:2]", HostListPlugin.HOST_LIST));
    }

    @Test
    void aHostWithAPortIsExpandedToo() {
        Inventory inv = Inventory.load(List.of("web[1:2]:2222,"), null, HashBehaviour.REPLACE, GroupNameChars.NEVER, Map.of(),
                HostListPlugin.ADVANCED_HOST_LIST);
        assertEquals(List.of("web1", "web2"), inv.hosts().stream().map(Host::name).toList());
    }

    @Test
    void theFirstOfTheTwoPluginsInTheEnabledListWins() {
        assertEquals(HostListPlugin.ADVANCED_HOST_LIST, HostListPlugin.of(List.of("ansible.builtin.advanced_host_list", "host_list")));
        assertEquals(HostListPlugin.HOST_LIST, HostListPlugin.of(List.of("host_list", "script", "advanced_host_list")));
        assertEquals(HostListPlugin.HOST_LIST, HostListPlugin.of(List.of("yaml", "ini")));
    }
}
