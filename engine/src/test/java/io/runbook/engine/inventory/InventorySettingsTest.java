package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.HashBehaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources nothing could be read from, as ansible-core 2.14's inventory manager treats them (its inventory target). */
class InventorySettingsTest {
    @TempDir
    Path dir;

    private Inventory load(InventorySettings unparsed, Path... sources) {
        return Inventory.load(java.util.Arrays.stream(sources).map(Path::toString).toList(), null, HashBehaviour.REPLACE,
                GroupNameChars.NEVER, Map.of(), unparsed);
    }

    @Test
    void anEmptyFolderIsASourceNotParsedAndSoIsAnEmptySubfolder() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(List.of("Unable to parse " + empty + " as an inventory source",
                "No inventory was parsed, only implicit localhost is available"),
                load(InventorySettings.WARN, empty).warnings());

        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("hosts"), "[web]\nweb-1\n");
        Path sub = Files.createDirectories(full.resolve("sub"));
        Inventory inv = load(InventorySettings.WARN, full);
        assertEquals(List.of("web-1"), inv.hostsOf("web"));
        assertEquals(List.of("Unable to parse " + sub + " as an inventory source"), inv.warnings());
    }

    @Test
    void withAnyUnparsedIsFailedEachSuchSourceIsAnError() throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), "[web]\nweb-1\n");
        UserError e = assertThrows(UserError.class, () -> load(new InventorySettings(false, true), dir.resolve("missing"), hosts));
        assertEquals("Completely failed to parse inventory source " + dir.resolve("missing"), e.getMessage());
        assertEquals(List.of("web-1"), load(new InventorySettings(false, true), hosts).hostsOf("web"));
    }

    @Test
    void withUnparsedIsFailedOnlyNoSourceReadIsAnError() throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), "[web]\nweb-1\n");
        UserError e = assertThrows(UserError.class, () -> load(new InventorySettings(true, false), dir.resolve("missing")));
        assertEquals("No inventory was parsed, please check your configuration and options.", e.getMessage());
        assertEquals(List.of("web-1"), load(new InventorySettings(true, false), dir.resolve("missing"), hosts).hostsOf("web"));
    }

    @Test
    void aFileOnlyAPluginLeftOutOfEnablePluginsReadsIsNotParsed() throws IOException {
        // the inventory target's test_empty.yml with ANSIBLE_INVENTORY_ENABLED=constructed ANSIBLE_INVENTORY_UNPARSED_FAILED=True
        Path empty = Files.writeString(dir.resolve("test_empty.yml"), "");
        InventorySettings constructedOnly = new InventorySettings(true, false, InventorySettings.plugins("ansible.builtin.constructed"));
        UserError e = assertThrows(UserError.class, () -> load(constructedOnly, empty));
        assertEquals("No inventory was parsed, please check your configuration and options.", e.getMessage());

        Path ini = Files.writeString(dir.resolve("hosts"), "[web]\nweb-1\n");
        Inventory inv = load(new InventorySettings(false, false, InventorySettings.plugins("yaml, host_list")), ini, Path.of("a,b"));
        assertEquals(List.of("a", "b"), inv.hostsOf("all"));
        // as ansible-inventory: the yaml plugin took the file (no extension) and failed on it; nothing else took it
        assertEquals(2, inv.warnings().size(), inv.warnings().toString());
        assertTrue(inv.warnings().get(0).startsWith("\n* Failed to parse " + ini + " with yaml plugin: "), inv.warnings().toString());
        assertEquals("Unable to parse " + ini + " as an inventory source", inv.warnings().get(1));
    }
}
