package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts of Ansible's Linux hardware collector ({@code engine/facts/hardware.yml}, gather_subset: mounts) on this
 * machine, the engine's beside Debian's ansible-playbook's: the same mounts (with their statvfs figures and UUIDs),
 * block devices, device links, DMI facts, LVM, memory and processors, of the same JSON types; figures that move between the two
 * runs (free space, uptime) are compared by type and loosely.
 */
class HardwareFactsTest {
    private static final Path ANSIBLE = FactsSideBySide.ANSIBLE;
    /** The facts compared as they are: none changes between two runs a moment apart. */
    private static final List<String> SAME = List.of("ansible_devices", "ansible_device_links", "ansible_lvm",
            "ansible_bios_date", "ansible_bios_vendor", "ansible_bios_version", "ansible_board_asset_tag",
            "ansible_board_name", "ansible_board_serial", "ansible_board_vendor", "ansible_board_version",
            "ansible_chassis_asset_tag", "ansible_chassis_serial", "ansible_chassis_vendor", "ansible_chassis_version",
            "ansible_form_factor", "ansible_product_name", "ansible_product_serial", "ansible_product_uuid",
            "ansible_product_version", "ansible_system_vendor", "ansible_memtotal_mb", "ansible_swaptotal_mb",
            "ansible_processor_vcpus", "ansible_processor", "ansible_processor_count", "ansible_processor_cores",
            "ansible_processor_threads_per_core", "ansible_processor_nproc");
    /** A mount's figures that do not move while the two runs write files. */
    private static final Set<String> STEADY = Set.of("mount", "device", "fstype", "options", "uuid", "size_total",
            "block_size", "block_total", "inode_total");

    @Test
    void theHardwareCollectorsFactsAreAnsibles(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/block")), "not Linux");
        FactsSideBySide.Outputs out = FactsSideBySide.local("facts/hardware.yml", dir);
        compare(out.ansible(), out.engine());
    }

    /**
     * The same over SSH ({@code engine/facts/hardware-ssh.yml}, gather_subset: hardware, against .ci/ssh-setup.sh's
     * server: this machine as a user who is not root), the engine's facts read by its one shell script: also the
     * block devices and the processors as Ansible's Python reads them there.
     */
    @Test
    void theHardwareCollectorsFactsOverSshAreAnsibles() throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        Path folder = SshTestServers.userFolder(env, "hw");
        Path inventory = FactsSideBySide.sshInventory(env, folder);
        String playbook = EngineRun.fixture("facts/hardware-ssh.yml");
        Path ansibleOut = folder.resolve("ansible.json");
        Path engineOut = folder.resolve("engine.json");
        FactsSideBySide.run(playbook, ansibleOut, engineOut, Map.of("ANSIBLE_HOST_KEY_CHECKING", "False"), "-i",
                inventory.toString());
        compare(ansibleOut, engineOut);
    }

    private static void compare(Path ansibleOut, Path engineOut) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode ansible = json.readTree(ansibleOut.toFile());
        JsonNode engine = json.readTree(engineOut.toFile());

        for (String fact : SAME) {
            assertEquals(ansible.get(fact), engine.get(fact), fact);
        }
        assertEquals(ansible.get("ansible_uptime_seconds").getNodeType(), engine.get("ansible_uptime_seconds").getNodeType());
        assertTrue(Math.abs(ansible.get("ansible_uptime_seconds").asLong() - engine.get("ansible_uptime_seconds").asLong()) < 3600,
                "uptime " + ansible.get("ansible_uptime_seconds") + " and " + engine.get("ansible_uptime_seconds"));
        JsonNode mounts = ansible.get("ansible_mounts");
        assertEquals(mounts.size(), engine.get("ansible_mounts").size(), engine.get("ansible_mounts").toString());
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode theirs = mounts.get(i);
            JsonNode ours = engine.get("ansible_mounts").get(i);
            assertEquals(names(theirs), names(ours), theirs.toString());
            theirs.fieldNames().forEachRemaining(key -> {
                assertEquals(theirs.get(key).getNodeType(), ours.get(key).getNodeType(), key);
                if (STEADY.contains(key)) {
                    assertEquals(theirs.get(key), ours.get(key), key);
                }
            });
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
