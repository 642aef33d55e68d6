package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Executable inventories, as Ansible's script plugin runs them ({@code --list}, {@code _meta.hostvars}, else
 * {@code --host NAME}); the expected inventories are what ansible-inventory 2.14 lists for the same scripts.
 */
class ScriptInventoryTest {
    private static Map<?, ?> listing(RunResult r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.out(), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private static String script(String name) {
        return EngineRun.fixture("inventory-script/" + name);
    }

    @Test
    void groupsChildrenAndHostVariablesComeFromTheScriptsList() {
        RunResult r = EngineRun.cli("inventory", "-i", script("clusters.sh"), "--list");
        assertEquals(0, r.exitCode(), r.toString());
        Map<?, ?> listed = listing(r);
        assertEquals(Map.of("children", List.of("ungrouped", "edge", "mesh")), listed.get("all"));
        assertEquals(Map.of("children", List.of("management", "control_planes")), listed.get("mesh"));
        assertEquals(Map.of("hosts", List.of("cp-2")), listed.get("edge"));
        Map<?, ?> hostVars = (Map<?, ?>) ((Map<?, ?>) listed.get("_meta")).get("hostvars");
        assertEquals(Map.of("ansible_connection", "local", "gpu", true, "mesh", "tsb", "role", "cp", "zone", "us"),
                hostVars.get("cp-2"));
        assertEquals(3, ((Map<?, ?>) hostVars.get("mgmt-1")).get("replicas"));
    }

    @Test
    void withoutMetaEachHostIsAskedForItsVariables() {
        RunResult r = EngineRun.cli("inventory", "-i", script("per_host.sh"), "--list");
        assertEquals(0, r.exitCode(), r.toString());
        Map<?, ?> hostVars = (Map<?, ?>) ((Map<?, ?>) (listing(r)).get("_meta")).get("hostvars");
        assertEquals(Map.of("ansible_connection", "local", "port", 18080), hostVars.get("w1"));
        assertEquals(Map.of("ansible_connection", "local", "port", 28080), hostVars.get("w2"));
    }

    @Test
    void aPlaybookRunsOnTheScriptsHosts() {
        RunResult r = EngineRun.cli(script("site.yml"), "-i", script("clusters.sh"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("cp-1 cp eu tsb control_planes,mesh", r.msg("where each control plane is", "cp-1"));
        assertEquals("cp-2 cp us tsb control_planes,edge,mesh", r.msg("where each control plane is", "cp-2"));
    }

    @Test
    void aScriptThatFailsStopsTheRunBeforeAnythingRunsWithWhatItSaid() {
        RunResult r = EngineRun.cli(script("site.yml"), "-i", script("failing.sh"));
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Inventory script (" + script("failing.sh") + ") had an execution error: exit 2: "
                + "cmdb.example.com: connection refused"), r.toString());
        assertTrue(r.events().isEmpty(), "nothing ran: " + r);
    }
}
