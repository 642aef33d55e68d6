package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code inventory --graph [GROUP] [--vars]} draws the group tree as {@code ansible-inventory --graph} does (the expected
 * texts are ansible-inventory 2.14's output for the same inventory): child groups before a group's own hosts, host
 * variables merged, a group's own variables (its group_vars files too) after its members, values as Python's str().
 */
class InventoryGraphTest {
    private static final String INVENTORY = EngineRun.fixture("inventory-graph/hosts.ini");

    @Test
    void theTreeFromAllAsAnsibleInventoryDrawsIt() {
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--graph");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "@all:", "  |--@ungrouped:", "  |--@prod:", "  |  |--@web:", "  |  |  |--web1",
                "  |  |  |--web2", "  |  |--@db:", "  |  |  |--db1", "  |--@legacy:", "  |  |--old1", ""), r.out());
    }

    @Test
    void withVarsEachHostsMergedVariablesAndEachGroupsOwn() {
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--graph", "--vars");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "@all:", "  |--@ungrouped:", "  |--@prod:", "  |  |--@web:",
                "  |  |  |--web1",
                "  |  |  |  |--{env = prod}",
                "  |  |  |  |--{limits = {'cpu': 2, 'memory': None}}",
                "  |  |  |  |--{port = 8081}",
                "  |  |  |  |--{tier = frontend}",
                "  |  |  |--web2",
                "  |  |  |  |--{enabled = true}",
                "  |  |  |  |--{env = prod}",
                "  |  |  |  |--{limits = {'cpu': 2, 'memory': None}}",
                "  |  |  |  |--{port = 8082}",
                "  |  |  |  |--{tier = frontend}",
                "  |  |  |--{limits = {'cpu': 2, 'memory': None}}",
                "  |  |  |--{tier = frontend}",
                "  |  |--@db:",
                "  |  |  |--db1",
                "  |  |  |  |--{env = prod}",
                "  |  |  |  |--{replicas = [1, 2]}",
                "  |  |--{env = prod}",
                "  |--@legacy:",
                "  |  |--old1",
                "  |  |--{ansible_group_priority = 5}", ""), r.out());
    }

    @Test
    void aGroupStartsTheTreeThere() {
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--graph", "prod");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "@prod:", "  |--@web:", "  |  |--web1", "  |  |--web2", "  |--@db:", "  |  |--db1", ""),
                r.out());
    }

    @Test
    void anUnknownGroupIsRefusedWithTheNearestName() {
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--graph", "wbe");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("ERROR! Pattern must be valid group name when using --graph (no group 'wbe') (did you mean 'web'?)"),
                r.toString());
    }

    @Test
    void aGroupWithoutGraphIsBadUsage() {
        RunResult r = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "web");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("a GROUP ('web') is given only with --graph"), r.toString());
    }

    @Test
    void allWithListIsTheWholeListingAsAnsibleInventoryIgnoresIt() {
        RunResult withAll = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "all");
        RunResult without = EngineRun.cli("inventory", "-i", INVENTORY, "--list");
        assertEquals(0, withAll.exitCode(), withAll.toString());
        assertEquals(without.out(), withAll.out(), withAll.toString());
        assertTrue(withAll.out().contains("\"web\""), withAll.toString());
    }

    @Test
    void noActionOrTwoAreAnsibleInventorysErrorsAfterTheUsage() {
        // as ansible-inventory 2.14: the usage on standard output, the error on standard error, exit code 5
        RunResult none = EngineRun.cli("inventory", "-i", INVENTORY);
        assertEquals(5, none.exitCode(), none.toString());
        assertEquals("ERROR! No action selected, at least one of --host, --graph or --list needs to be specified.\n",
                none.err());
        assertTrue(none.out().startsWith("Usage: ") && none.out().contains("--graph"), none.toString());
        RunResult two = EngineRun.cli("inventory", "-i", INVENTORY, "--list", "--host", "web1");
        assertEquals(5, two.exitCode(), two.toString());
        assertEquals("ERROR! Conflicting options used, only one of --host, --graph or --list can be used at the same time.\n",
                two.err());
    }
}
