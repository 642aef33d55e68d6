package io.runbook.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
