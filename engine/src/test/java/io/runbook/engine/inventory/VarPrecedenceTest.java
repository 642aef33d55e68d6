package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarPrecedenceTest {
    private static final String INVENTORY = "layered/inventory";

    private static Inventory withPlaybook() {
        return Inventory.load(List.of(Fixture.path(INVENTORY).toString()), Fixture.path("layered/playbook"));
    }

    private static ExplainedVar explained(Inventory inv, String host, String name) {
        return inv.explain(host).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void childGroupVarsOverrideParentGroupVars() {
        Inventory inv = withPlaybook();
        assertEquals("eu", inv.hostVars("cp-eu-3").get("inline_level"));
        assertEquals("control_planes", inv.hostVars("cp-us-1").get("inline_level"));
        assertEquals("all", inv.hostVars("mgmt-1").get("inline_level"));
    }

    @Test
    void groupVarsFilesFollowTheSameParentChildOrder() {
        Inventory inv = withPlaybook();
        assertEquals("eu", inv.hostVars("cp-eu-1").get("file_level"));
        assertEquals("control_planes", inv.hostVars("cp-us-1").get("file_level"));
        assertEquals("all", inv.hostVars("mgmt-1").get("file_level"));
    }

    @Test
    void groupVarsFilesOverrideInlineGroupVarsEvenOfDeeperGroups() {
        assertEquals("group_vars-all", withPlaybook().hostVars("cp-eu-1").get("files_beat_inline"));
    }

    @Test
    void groupVarsDirectoryFilesLoadInOrderAndSkipHiddenAndBackupFiles() {
        assertEquals("site", withPlaybook().hostVars("cp-eu-2").get("eu_dir_order"));
    }

    @Test
    void inlineHostVarsOverrideGroupVarsFiles() {
        assertEquals("inline-host", withPlaybook().hostVars("cp-eu-3").get("host_level"));
    }

    @Test
    void hostVarsFilesOverrideInlineHostVars() {
        assertEquals("host_vars", withPlaybook().hostVars("cp-eu-1").get("host_level"));
    }

    @Test
    void playbookDirVarsOverrideInventoryDirVars() {
        Inventory inv = withPlaybook();
        assertEquals("playbook", inv.hostVars("cp-eu-1").get("site_name"));
        assertEquals("playbook-host_vars", inv.hostVars("cp-eu-2").get("host_level"));
    }

    @Test
    void withoutPlaybookOnlyInventoryDirVarsApply() {
        Inventory inv = Fixture.load(INVENTORY);
        assertEquals("inventory", inv.hostVars("cp-eu-1").get("site_name"));
        assertEquals("inline-host", inv.hostVars("cp-eu-2").get("host_level"));
    }

    @Test
    void dictionariesAreReplacedNotMerged() {
        assertEquals(Map.of("b", 3), withPlaybook().hostVars("cp-eu-1").get("settings"));
        assertEquals(Map.of("a", 1, "b", 2), withPlaybook().hostVars("mgmt-1").get("settings"));
    }

    @Test
    void groupPriorityMergesLaterThanSiblingsAndIsNotAVariable() {
        Inventory inv = Fixture.load("priority/hosts.yml");
        assertEquals(List.of("all", "beta", "delta", "gamma", "alpha"), inv.host("h1").orElseThrow().groups());
        assertEquals("red", inv.hostVars("h1").get("color"));
        assertEquals("circle", inv.hostVars("h1").get("shape"));
        assertFalse(inv.hostVars("h1").containsKey("ansible_group_priority"));
    }

    @Test
    void siblingGroupsSettingTheSameVariableWarnOnlyWhenNameOrderDecides() {
        Inventory inv = Fixture.load("priority/hosts.yml");
        assertEquals(List.of("src/test/resources/inventory/priority/hosts.yml:16:9: variable 'shape' is set by sibling "
                + "groups 'delta' (src/test/resources/inventory/priority/hosts.yml:21:9) and 'gamma'; 'gamma' wins by "
                + "name order (set ansible_group_priority in the inventory to choose; group_vars files cannot set it)"), inv.warnings());
    }

    @Test
    void parentAndChildSettingTheSameVariableIsNoConflict() {
        assertEquals(List.of(), withPlaybook().warnings());
    }

    @Test
    void explainNamesTheWinningFileLineAndLayerAndWhatItReplaced() {
        ExplainedVar v = explained(withPlaybook(), "cp-eu-1", "host_level");
        assertEquals("host_vars", v.value());
        assertEquals("src/test/resources/inventory/layered/inventory/host_vars/cp-eu-1.yml:1:1", v.origin().position().toString());
        assertEquals("inventory host_vars 'cp-eu-1'", v.origin().layer());
        assertEquals(List.of(
                "src/test/resources/inventory/layered/inventory/group_vars/eu/10-base.yml:3:1 (inventory group_vars 'eu')",
                "src/test/resources/inventory/layered/inventory/hosts.yml:19:15 (inventory host)"),
                v.overridden().stream().map(VarOrigin::toString).toList());
    }

    @Test
    void explainOfAnInlineGroupVarPointsAtTheInventoryKey() {
        ExplainedVar v = explained(withPlaybook(), "cp-us-1", "inline_level");
        assertEquals("src/test/resources/inventory/layered/inventory/hosts.yml:11:9", v.origin().position().toString());
        assertEquals("inventory group 'control_planes'", v.origin().layer());
        assertEquals(List.of("src/test/resources/inventory/layered/inventory/hosts.yml:3:5 (inventory group 'all')"),
                v.overridden().stream().map(VarOrigin::toString).toList());
    }

    @Test
    void explainTextIsATableWithOriginsAndReplacedValues() {
        String text = withPlaybook().explainText("cp-eu-2");
        String[] lines = text.split("\n");
        assertEquals("Variables of host 'cp-eu-2' (highest precedence wins):", lines[0]);
        assertTrue(lines[1].matches("VARIABLE +SET AT +LAYER +VALUE"), lines[1]);
        assertTrue(text.lines().anyMatch(l -> l.matches("host_level +src/test/resources/inventory/layered/playbook/host_vars/"
                + "cp-eu-2:1:1 +playbook host_vars 'cp-eu-2' +\"playbook-host_vars\"")), text);
        assertTrue(text.contains("replaces src/test/resources/inventory/layered/inventory/hosts.yml:19:15  inventory host"),
                text);
    }

    @Test
    void groupVarsForAnUnknownGroupIsAWarningWithDidYouMean() {
        Inventory inv = Fixture.load("orphan/hosts.yml");
        assertEquals(List.of(
                "src/test/resources/inventory/orphan/group_vars/contrl_planes.yml: no group 'contrl_planes' in the "
                        + "inventory; these variables are not used unless a group_by task makes the group (did you mean 'control_planes'?)",
                "src/test/resources/inventory/orphan/host_vars/cp-2.yml: no host 'cp-2' in the inventory; these "
                        + "variables are not used (did you mean 'cp-1'?)"),
                inv.warnings());
        assertFalse(inv.hostVars("cp-1").containsKey("mesh_role"));
    }

    @Test
    void implicitLocalhostGetsAllGroupVarsAndLocalConnection() {
        Inventory inv = withPlaybook();
        Host local = inv.host("localhost").orElseThrow();
        assertTrue(local.implicit());
        assertEquals(List.of(), local.groups());
        Map<String, Object> vars = inv.hostVars("localhost");
        assertEquals("local", vars.get("ansible_connection"));
        assertEquals("all", vars.get("inline_level"));
        assertEquals("all", vars.get("file_level"));
    }

    @Test
    void groupVarsNextToALaterSourceOverrideThoseNextToAnEarlierOne() {
        Inventory inv = Fixture.load("multi/one/hosts.yml", "multi/two");
        ExplainedVar site = explained(inv, "web-1", "site");
        assertEquals("two", site.value());
        assertEquals("src/test/resources/inventory/multi/two/group_vars/all.yml:1:1 (inventory group_vars 'all')",
                site.origin().toString());
        assertEquals(1, inv.hostVars("web-2").get("only_one"));
    }

    @Test
    void playbookDirThatIsAlsoTheInventoryDirIsReadOnce() {
        Path dir = Fixture.path("multi/one");
        Inventory inv = Inventory.load(List.of(dir.toString()), dir);
        ExplainedVar site = explained(inv, "web-1", "site");
        assertEquals("inventory group_vars 'all'", site.origin().layer());
        assertEquals(List.of(), site.overridden());
    }
}
