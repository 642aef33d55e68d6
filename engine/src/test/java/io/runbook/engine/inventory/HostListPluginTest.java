package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.runbook.engine.vars.HashBehaviour;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host list given to -i, read as Ansible's host_list (names as written) or advanced_host_list (ranges expanded),
 * whichever enable_plugins ({@link InventorySettings#enabled()}) names first.
 */
class HostListPluginTest {
    private static List<String> hosts(String list, String enablePlugins) {
        return Inventory.load(List.of(list), null, HashBehaviour.REPLACE, GroupNameChars.NEVER, Map.of(),
                new InventorySettings(false, false, InventorySettings.plugins(enablePlugins))).hosts()
                .stream().map(Host::name).toList();
    }

    @Test
    void advancedHostListExpandsRangesAsInventoryIntegrationTargetExpects() {
        assertEquals(List.of("local100", "local102", "local104", "local106", "local108", "local110"),
                hosts("local100,local[100:110:2]", "advanced_host_list"));
    }

    @Test
    void hostListKeepsARangeAsWrittenAsAnsibleDoes() {
        assertEquals(List.of("local100", "local[100:110:2]"), hosts("local100,local[100:110:2]", "host_list"));
        assertEquals(List.of("local100", "local[100:110:2]"), Inventory.load(List.of("local100,local[100:110:2]"), null,
                HashBehaviour.REPLACE, GroupNameChars.NEVER, Map.of()).hosts().stream().map(Host::name).toList());
    }

    @Test
    void aHostWithAPortIsExpandedToo() {
        assertEquals(List.of("web1", "web2"), hosts("web[1:2]:2222,", "ansible.builtin.advanced_host_list"));
    }

    @Test
    void theFirstOfTheTwoPluginsInTheEnabledListWins() {
        assertEquals(InventorySettings.ADVANCED_HOST_LIST,
                new InventorySettings(false, false, InventorySettings.plugins("ansible.builtin.advanced_host_list, host_list")).hostListPlugin());
        assertEquals(InventorySettings.HOST_LIST,
                new InventorySettings(false, false, InventorySettings.plugins("host_list,script,advanced_host_list")).hostListPlugin());
        assertEquals(InventorySettings.HOST_LIST, InventorySettings.WARN.hostListPlugin());
        assertNull(new InventorySettings(false, false, InventorySettings.plugins("yaml,ini")).hostListPlugin());
    }
}
