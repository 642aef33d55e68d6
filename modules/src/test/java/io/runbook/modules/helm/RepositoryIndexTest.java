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
}
