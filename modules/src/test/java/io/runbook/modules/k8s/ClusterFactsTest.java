package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.builtin.Setup;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** setup (and a play's Gathering Facts) on a cluster host gives the cluster's facts, through the FactSource SPI. */
class ClusterFactsTest {

    @Test
    void aClusterHostGetsItsVersionApiGroupsAndPlatform() throws Exception {
        Map<String, Object> facts;
        try (DirectRun run = LabHost.run(new Setup(), "default")) {
            facts = facts(run.run(Map.of()));
        }
        assertTrue(String.valueOf(facts.get("ansible_kube_version")).startsWith("v1."), facts.toString());
        assertTrue(((List<?>) facts.get("ansible_kube_api_groups")).contains("apps"), facts.toString());
        assertEquals("kubernetes", facts.get("ansible_kube_platform"));
        assertFalse(facts.containsKey("ansible_kube_nodes"), "nodes are read only when asked for (one more request)");
        assertEquals(true, facts.get("module_setup"));
    }

    @Test
    void askingForHardwareAddsTheNodeCount() throws Exception {
        Map<String, Object> facts;
        try (DirectRun run = LabHost.run(new Setup(), "default")) {
            facts = facts(run.run(Map.of("gather_subset", List.of("hardware"))));
        }
        assertTrue(facts.get("ansible_kube_nodes") instanceof Integer n && n >= 0, facts.toString());
    }

    @Test
    void aFilterKeepsOnlyTheFactsAskedFor() throws Exception {
        Map<String, Object> facts;
        try (DirectRun run = LabHost.run(new Setup(), "default")) {
            facts = facts(run.run(Map.of("filter", List.of("ansible_kube_v*"))));
        }
        assertEquals(List.of("ansible_kube_version", "ansible_kube_version_info"), facts.keySet().stream().sorted().toList());
    }

    @Test
    void anUnreachableClusterMakesGatheringUnreachable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (DirectRun run = LabHost.unreachable(new Setup(), dir)) {
            io.runbook.engine.module.ModuleException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.runbook.engine.module.ModuleException.class, () -> run.run(Map.of()));
            assertTrue(e.isUnreachable(), e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facts(Result r) {
        assertFalse(r.isFailed(), r.toMap().toString());
        return (Map<String, Object>) r.toMap().get("ansible_facts");
    }
}
