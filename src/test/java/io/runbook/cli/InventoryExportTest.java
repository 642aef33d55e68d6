package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inventory --list -y}, {@code --export}, {@code --host -y}, {@code -e} and {@code --output} give what
 * {@code ansible-inventory} 2.14 gives: the expected-*.yml and *.json files beside the inventory are its output for it
 * printed (a YAML inventory with host vars where a host is first met, a dict met again as a YAML alias; with --export each
 * group's own variables, group_vars files included, and each host's own, host_vars files included).
 */
class InventoryExportTest {
    private static final String INVENTORY = EngineRun.fixture("inventory-export/hosts.yml");

    private static String expected(String name) throws IOException {
        return Files.readString(Path.of(EngineRun.fixture("inventory-export/" + name)));
    }

    @Test
    void listAsYamlIsAnsibleInventorysYamlInventory() throws IOException {
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "-y");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected("expected-list.yml"), r.out());
    }

    @Test
    void exportKeepsEachGroupsAndHostsOwnVariablesInJsonAndYaml() throws IOException {
        RunResult json = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "--export");
        assertEquals(0, json.exitCode(), json.toString());
        assertEquals(expected("expected-export.json"), json.out());
        RunResult yaml = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "--export", "--yaml");
        assertEquals(expected("expected-export.yml"), yaml.out());
        RunResult host = EngineRun.cli("inventory", "-i", INVENTORY, "--host", "cp-eu-1", "--export", "-y");
        assertEquals(expected("expected-host-export.yml"), host.out());
    }

    @Test
    void extraVariablesGoOverEveryHostsMergedOnes() {
        // as ansible-inventory -e: its variable manager puts them over the inventory's; --export shows none of them
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--host", "jump", "-e", "region=us", "-e", "x=1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("{\n    \"dns\": {\n        \"ttl\": 60,\n        \"zone\": \"example.com\"\n    },\n"
                + "    \"region\": \"us\",\n    \"x\": \"1\"\n}\n", r.out());
        assertEquals("{}\n", EngineRun.cli("inventory", "-i", INVENTORY, "--host", "jump", "-e", "x=1", "--export").out());
    }

    @Test
    void outputWritesTheListingToAFileInsteadOfTheScreen(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("inventory.json");
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "--export", "--output", json.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.out());
        // as ansible-inventory writes it: the JSON without a line break at its end, the YAML with one
        assertEquals(expected("expected-export.json").stripTrailing(), Files.readString(json));
        Path yaml = dir.resolve("inventory.yml");
        EngineRun.cli("inventory", "-i", INVENTORY, "--list", "--export", "-y", "--output", yaml.toString());
        assertEquals(expected("expected-export.yml"), Files.readString(yaml));
        // and what it wrote reads back as the same inventory
        assertEquals(expected("expected-export.yml"),
                EngineRun.cli("inventory", "-i", yaml.toString(), "--list", "--export", "-y").out());
        RunResult refused = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "--output", dir.resolve("no/such/dir/x").toString());
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().startsWith("ERROR: --output: Unable to write to destination file ("), refused.toString());
    }

    @Test
    void aVaultedValueStaysMaskedInYaml() {
        RunResult r = EngineRun.cli("inventory", "-i", EngineRun.fixture("vault/inventory.yml"), "--list", "-y");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("dns_admin: '********'"), r.out());
        assertFalse(r.out().contains("ANSIBLE_VAULT"), r.out());
    }
}
