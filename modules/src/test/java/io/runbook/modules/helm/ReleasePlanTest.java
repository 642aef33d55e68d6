package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.modules.helm.ReleasePlan.Action;
import io.runbook.modules.helm.ReleasePlan.Desired;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The changed rule, without a cluster. */
class ReleasePlanTest {
    private static final String DIGEST = "sha256:00112233445566778899aabbccddeeff";

    private static StoredRelease deployed(String version, String description, Map<String, Object> config) {
        return new StoredRelease("mp", "tsb", 3, "deployed", "managementplane", version, "1.9.0", description, config, "", "s", null);
    }

    @Test
    void noDeployedReleaseMeansInstall() {
        assertEquals(Action.INSTALL, ReleasePlan.decide(null, new Desired("managementplane", "1.9.0", DIGEST, Map.of())).action());
    }

    @Test
    void sameChartDigestAndValuesMeansNothingToDo() {
        StoredRelease r = deployed("1.9.0", ReleasePlan.description("Upgrade complete", DIGEST), Map.of("image", Map.of("registry", "r.io")));
        ReleasePlan plan = ReleasePlan.decide(r, new Desired("managementplane", "1.9.0", DIGEST, Map.of("image", Map.of("registry", "r.io"))));
        assertEquals(Action.NONE, plan.action());
        assertEquals(List.of(), plan.reasons());
    }

    @Test
    void eachDifferenceIsAReasonToUpgrade() {
        StoredRelease r = deployed("1.9.0", ReleasePlan.description("Install complete", DIGEST), Map.of("a", 1));
        assertEquals(List.of("chart version 1.9.0 → 1.9.1"),
                ReleasePlan.decide(r, new Desired("managementplane", "1.9.1", DIGEST, Map.of("a", 1))).reasons());
        assertEquals(List.of("values changed: a"),
                ReleasePlan.decide(r, new Desired("managementplane", "1.9.0", DIGEST, Map.of("a", 2))).reasons());
        String other = "sha256:ffeeddccbbaa99887766554433221100";
        assertTrue(ReleasePlan.decide(r, new Desired("managementplane", "1.9.0", other, Map.of("a", 1))).reasons().get(0)
                .startsWith("chart content changed under the same version"));
    }

    @Test
    void aRevisionDeployedOutsideThisModuleHasNoKnownDigestAndIsUpgradedOnce() {
        StoredRelease r = deployed("1.9.0", "Upgrade complete", Map.of());
        ReleasePlan plan = ReleasePlan.decide(r, new Desired("managementplane", "1.9.0", DIGEST, Map.of()));
        assertEquals(Action.UPGRADE, plan.action());
        assertTrue(plan.reasons().get(0).contains("unknown"), plan.reasons().toString());
    }

    @Test
    void remoteChartsWithoutAPinnedVersionAreNeverCalledCurrent() {
        StoredRelease r = deployed("1.9.0", "Install complete", Map.of());
        ReleasePlan plan = ReleasePlan.decide(r, new Desired("managementplane", null, null, Map.of()));
        assertEquals(Action.UPGRADE, plan.action());
        assertTrue(plan.reasons().get(0).contains("not pinned"));
        assertEquals(Action.NONE, ReleasePlan.decide(r, new Desired("managementplane", "1.9.0", null, Map.of())).action());
    }

    @Test
    void valuesCompareAsHelmStoresThemWithNumbersByValue() {
        assertTrue(ReleasePlan.sameValues(Map.of("replicas", 1, "ratio", 1.0), Map.of("replicas", 1L, "ratio", 1)));
        assertTrue(ReleasePlan.sameValues(null, Map.of()));
        assertFalse(ReleasePlan.sameValues(Map.of("a", "1"), Map.of("a", 1)), "a string is not a number");
        assertFalse(ReleasePlan.sameValues(Map.of("a", Map.of("b", true)), Map.of("a", Map.of("b", true, "c", false))));
    }

    @Test
    void theChangedValuesAreNamedByPathNeverByValue() {
        Map<String, Object> stored = Map.of("image", Map.of("registry", "old.io", "tag", "1.9.0"),
                "secrets", Map.of("postgres", Map.of("password", "old-password")), "replicas", 1);
        Map<String, Object> wanted = Map.of("image", Map.of("registry", "new.io", "tag", "1.9.0"),
                "secrets", Map.of("postgres", Map.of("password", "new-password")), "replicas", 1.0, "spec", Map.of("hub", "h"));
        assertEquals(List.of("image.registry", "secrets.postgres.password", "spec"), ReleasePlan.changedPaths(stored, wanted));
        String reason = ReleasePlan.decide(deployed("1.9.0", ReleasePlan.description("x", DIGEST), stored),
                new Desired("managementplane", "1.9.0", DIGEST, wanted)).reasons().get(0);
        assertEquals("values changed: image.registry, secrets.postgres.password, spec", reason);
        assertFalse(reason.contains("new-password"));
    }

    @Test
    void manyChangedValuesAreCounted() {
        Map<String, Object> wanted = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            wanted.put("k" + i, i);
        }
        String reason = ReleasePlan.decide(deployed("1.9.0", ReleasePlan.description("x", DIGEST), Map.of()),
                new Desired("managementplane", "1.9.0", DIGEST, wanted)).reasons().get(0);
        assertEquals("values changed: k0, k1, k2, k3, k4 and 3 more", reason);
    }

    @Test
    void theDigestIsReadBackFromTheDescription() {
        assertEquals(DIGEST, ReleasePlan.recordedDigest(ReleasePlan.description("Install complete", DIGEST)));
        assertEquals(null, ReleasePlan.recordedDigest("Rollback to 2"));
    }
}
