package io.runbook.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A remote host's block devices as the hardware script prints them ({@link LinuxHardware#REMOTE_SCRIPT}, run here by
 * /bin/sh with this machine standing for the host): the same {@code devices} and {@code device_links} as read from
 * this machine's files directly (which HardwareFactsTest compares with Ansible's).
 */
class BlockDevicesTest {
    @Test
    void theScriptGivesTheDevicesTheFilesGive() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/block")), "not Linux");
        Map<String, Object> scripted = LinuxHardware.facts(LinuxHardware.sections(
                LinuxHardware.output("/bin/sh", "-c", LinuxHardware.REMOTE_SCRIPT)));
        Map<String, Object> read = BlockDevices.facts();
        assertEquals(read.get("device_links"), scripted.get("device_links"));
        assertEquals(read.get("devices"), scripted.get("devices"));
    }

    /**
     * A host with a partition and an LVM volume on it (facts/sysblock/remote-host.txt): partitions, holders, masters,
     * the links, the WWN and the PCI controller as Ansible's collector gives them.
     */
    @Test
    @SuppressWarnings("unchecked")
    void partitionsHoldersAndLinksOfAHostAreRead() throws Exception {
        Map<String, Object> facts = BlockDevices.facts(new DumpedSysFiles(LinuxHardware.sections(
                Files.readString(Path.of("src/test/resources/facts/sysblock/remote-host.txt")))));
        Map<String, Object> links = (Map<String, Object>) facts.get("device_links");
        assertEquals(Map.of("dm-0", List.of("dm-name-vg-root"), "vda", List.of("virtio-abc123", "wwn-0x5000c500a1b2c3d4"),
                "vda1", List.of("virtio-abc123-part1")), links.get("ids"));
        assertEquals(Map.of("vda1", List.of("dm-0")), links.get("masters"));
        assertEquals(Map.of(), links.get("labels"));
        Map<String, Object> devices = (Map<String, Object>) facts.get("devices");
        assertEquals(List.of("dm-0", "vda"), List.copyOf(devices.keySet()));
        Map<String, Object> vda = (Map<String, Object>) devices.get("vda");
        assertEquals("0x5000c500a1b2c3d4", vda.get("wwn"));
        assertEquals("SCSI storage controller: Red Hat, Inc. Virtio block device", vda.get("host"));
        assertEquals("mq-deadline", vda.get("scheduler_mode"));
        assertEquals("20.00 GB", vda.get("size"));
        assertEquals(1, vda.get("virtual"));
        assertEquals("0x1af4", vda.get("vendor"));
        assertEquals(null, vda.get("model"));
        Map<String, Object> part = (Map<String, Object>) ((Map<String, Object>) vda.get("partitions")).get("vda1");
        assertEquals("2048", part.get("start"));
        assertEquals("41940992", part.get("sectors"));
        assertEquals(512, part.get("sectorsize"), "a partition has no queue folder");
        assertEquals("20.00 GB", part.get("size"));
        assertEquals("9f8e7d6c-5b4a-3c2d-1e0f-a1b2c3d4e5f6", part.get("uuid"));
        assertEquals(List.of("vg-root"), part.get("holders"));
        assertEquals(Map.of("ids", List.of("virtio-abc123-part1"), "uuids", List.of("9f8e7d6c-5b4a-3c2d-1e0f-a1b2c3d4e5f6"),
                "labels", List.of(), "masters", List.of("dm-0")), part.get("links"));
        Map<String, Object> dm = (Map<String, Object>) devices.get("dm-0");
        assertEquals("", dm.get("host"));
        assertEquals("", dm.get("scheduler_mode"), "none without brackets");
        assertEquals(Map.of(), dm.get("partitions"));
    }
}
