package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reading a chart repository's index to pin an unpinned repo/chart. */
class RepositoryIndexTest {
    @Test
    void anUnpinnedRepositoryChartIsPinnedToTheNewestStableVersion() {
        String index = """
                apiVersion: v1
                entries:
                  managementplane:
                  - {name: managementplane, version: 1.10.0-rc1}
                  - {name: managementplane, version: 1.9.12}
                  - {name: managementplane, version: 1.10.0+tse}
                  - {name: managementplane, version: 1.9.3}
                """;
        assertEquals(java.util.Optional.of("1.10.0+tse"), RepositoryIndex.newestStable(index, "managementplane"));
        assertEquals(java.util.Optional.empty(), RepositoryIndex.newestStable(index, "controlplane"));
    }

    @Test
    void versionsWrittenAsNumbersAreReadAsWritten() {
        String index = """
                apiVersion: v1
                entries:
                  demo:
                  - {name: demo, version: 1.9}
                  - {name: demo, version: 1.10}
                """;
        // as a YAML number 1.10 would be 1.1, older than 1.9; Helm reads the version as the text written
        assertEquals(java.util.Optional.of("1.10"), RepositoryIndex.newestStable(index, "demo"));
    }
}
