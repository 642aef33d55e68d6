package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Helm's release record encoding (Secret data → base64 → gzip → JSON) and what is read from it. */
class ReleaseStorageTest {
    private static final String RECORD = """
            {"name":"mp","namespace":"tsb","version":3,
             "info":{"status":"pending-upgrade","description":"Preparing upgrade"},
             "chart":{"metadata":{"name":"managementplane","version":"1.9.0","appVersion":"1.9.0"}},
             "config":{"image":{"registry":"r.io"}},
             "manifest":"---\\nkind: ConfigMap\\n"}
            """;

    @Test
    void aRecordSurvivesEncodingAndReadsAsHelmWroteIt() {
        String data = ReleaseStorage.encode(RECORD);
        StoredRelease r = ReleaseStorage.parse(ReleaseStorage.decode(data), "sh.helm.release.v1.mp.v3", "tsb");
        assertEquals(3, r.revision());
        assertEquals("pending-upgrade", r.status());
        assertEquals("managementplane-1.9.0", r.chart());
        assertEquals(Map.of("image", Map.of("registry", "r.io")), r.config());
        assertEquals("---\nkind: ConfigMap\n", r.manifest());
        assertTrue(r.stuck());
    }

    @Test
    void pendingAndFailedRevisionsAreStuckDeployedAndSupersededAreNot() {
        for (String status : new String[] {"pending-install", "pending-upgrade", "pending-rollback", "failed", "uninstalling"}) {
            assertTrue(release(status).stuck(), status);
        }
        for (String status : new String[] {"deployed", "superseded", "uninstalled"}) {
            assertTrue(!release(status).stuck(), status);
        }
    }

    private static StoredRelease release(String status) {
        return new StoredRelease("mp", "tsb", 1, status, "c", "1", null, "", Map.of(), "", "s", null);
    }
}
