package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Lab clusters start with the manifests in lab-seed/ next to the inventory (a file or a folder per cluster). */
class LabSeedTest {
    @Test
    void labClustersAreSeededFromManifestsInTheInventoryFolder() {
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(out, true),
                "test/resources/labseed/read-seeds.yml", "-i", "test/resources/labseed/inventory");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("\"msg\": \"c1 seeded from c1.yaml\""), out.toString());
        assertTrue(out.toString().contains("\"msg\": \"c2 seeded from c2 folder\""), out.toString());
    }
}
