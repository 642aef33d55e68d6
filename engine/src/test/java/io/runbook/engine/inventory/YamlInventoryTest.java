package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlInventoryTest {

    @Test
    void numericRangesExpandInclusively() {
        Inventory inv = Fixture.load("ranges/hosts.yml");
        assertEquals(List.of("cp-1", "cp-2", "cp-3"), inv.hostsOf("numbered"));
    }

    @Test
    void zeroPaddedRangesKeepTheirPadding() {
        assertEquals(List.of("node-01", "node-02", "node-03"), Fixture.load("ranges/hosts.yml").hostsOf("padded"));
    }

    @Test
    void letterRangesAndStridesExpand() {
        Inventory inv = Fixture.load("ranges/hosts.yml");
        assertEquals(List.of("db-a", "db-b", "db-c"), inv.hostsOf("letters"));
        assertEquals(List.of("web-1", "web-5", "web-9"), inv.hostsOf("stride"));
        assertEquals(List.of("rack1-na", "rack1-nb", "rack2-na", "rack2-nb"), inv.hostsOf("two_ranges"));
    }

    @Test
    void hostWithPortSetsAnsiblePort() {
        Inventory inv = Fixture.load("ranges/hosts.yml");
        assertEquals(List.of("api.example.com"), inv.hostsOf("with_port"));
        assertEquals(Map.of("ansible_port", 6443, "inventory_file", file("ranges/hosts.yml"),
                "inventory_dir", folder("ranges/hosts.yml")), inv.hostVars("api.example.com"));
    }

    /** As Ansible's parser gives every host: the inventory file that named it, and its folder. */
    private static String file(String fixture) {
        return Fixture.path(fixture).toAbsolutePath().normalize().toString();
    }

    private static String folder(String fixture) {
        return Fixture.path(fixture).toAbsolutePath().normalize().getParent().toString();
    }

    @Test
    void nestedChildrenGiveHostsEveryAncestorGroupInMergeOrder() {
        Inventory inv = Fixture.load("layered/inventory/hosts.yml");
        Host host = inv.host("cp-eu-1").orElseThrow();
        assertEquals(List.of("all", "control_planes", "eu"), host.groups());
        assertEquals(List.of("control_planes", "eu"), host.groupNames());
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3", "cp-us-1"), inv.hostsOf("control_planes"));
    }

    @Test
    void aHostMayBeInSeveralGroups() {
        Inventory inv = Fixture.load("patterns/hosts.yml");
        assertEquals(List.of("all", "prod", "web"), inv.host("web-1").orElseThrow().groups());
        assertEquals(List.of("web-1", "db-1"), inv.hostsOf("prod"));
    }

    @Test
    void hostsOnlyUnderAllAreUngrouped() {
        Inventory inv = Fixture.load("patterns/hosts.yml");
        assertEquals(List.of("bastion.example.com"), inv.hostsOf("ungrouped"));
        assertEquals(List.of("all", "ungrouped"), inv.groupNames().subList(0, 2));
        assertEquals(List.of("all", "ungrouped"), inv.host("bastion.example.com").orElseThrow().groups());
        assertEquals(6, inv.hostsOf("all").size());
    }

    @Test
    void hostsKeepTheOrderOfFirstDeclaration() {
        Inventory inv = Fixture.load("patterns/hosts.yml");
        assertEquals(List.of("web-1", "web-2", "web-3", "db-1", "db-2", "bastion.example.com"),
                inv.hosts().stream().map(Host::name).toList());
    }

    @Test
    void commaListMakesUngroupedHosts() {
        Inventory inv = Inventory.load(List.of("web-1,web-2,"), null);
        assertEquals(List.of("web-1", "web-2"), inv.hostsOf("ungrouped"));
        assertEquals(List.of("web-1", "web-2"), inv.hostsOf("all"));
    }

    @Test
    void laterSourcesOverrideEarlierOnesForConflictingVars() {
        Inventory inv = Fixture.load("sources/a.yml", "sources/b.yml");
        Map<String, Object> vars = inv.hostVars("web-1");
        assertEquals("b", vars.get("region"));
        assertEquals(8080, vars.get("port"));
        assertEquals(true, vars.get("only_a"));
        assertEquals(List.of("web-1", "web-2", "db-1"), inv.hosts().stream().map(Host::name).toList());
    }

    @Test
    void directoryMergesItsFilesInAsciiOrderAndSkipsIgnoredOnes() {
        Inventory inv = Fixture.load("sources/dir");
        // legacy.ini, notes.md, old.yml~ and .hidden.yml are skipped, as Ansible's INVENTORY_IGNORE_EXTS says
        assertEquals(List.of("web-1", "web-2", "db-1"), inv.hosts().stream().map(Host::name).toList());
        assertEquals("more", inv.hostVars("web-1").get("tier"));
        assertEquals("postgres", inv.hostVars("db-1").get("engine"));
        assertEquals(true, inv.hostVars("web-2").get("from_dir_group_vars"));
        assertEquals(List.of(), inv.warnings());
    }

    @Test
    void missingInventoryIsLeftOutWithAWarningAsAnsibleDoes() {
        Inventory inv = Fixture.load("nowhere/hosts.yml");
        assertEquals(List.of(), inv.hosts());
        assertEquals(List.of("Unable to parse " + Path.of("src/test/resources/inventory/nowhere/hosts.yml").toAbsolutePath()
                        + " as an inventory source (no such file or folder)",
                "No inventory was parsed, only implicit localhost is available"), inv.warnings());
    }

    /** As Ansible's host_list plugin ({@code -i 'h1,h2:2222,'}, checked with ansible-playbook): a port after the name. */
    @Test
    void aHostListGivesEachHostItsPort() {
        Inventory inv = Inventory.load(List.of("h1,h2:2222,10.0.0.3:22"), null);
        assertEquals(List.of("h1", "h2", "10.0.0.3"), inv.hosts().stream().map(Host::name).toList());
        assertEquals(2222, inv.hostVars("h2").get("ansible_port"));
        assertEquals(22, inv.hostVars("10.0.0.3").get("ansible_port"));
        assertFalse(inv.hostVars("h1").containsKey("ansible_port"));
    }

    /** Host keys as Ansible's parse_address reads them (checked with ansible-inventory --list on addresses/hosts.yml). */
    @Test
    void hostKeysAreReadAsAnsibleReadsAddresses() {
        Inventory inv = Fixture.load("addresses/hosts.yml");
        assertEquals(List.of("h_:22", "fe80::1", "my host:22", "web1", "web2"), inv.hostsOf("ungrouped"));
        assertEquals(2200, inv.hostVars("fe80::1").get("ansible_port"));
        assertEquals(2201, inv.hostVars("web2").get("ansible_port"));
        assertEquals("front", inv.hostVars("web2").get("tier"));
        assertFalse(inv.hostVars("my host:22").containsKey("ansible_port"));
        assertFalse(inv.hostVars("h_:22").containsKey("ansible_port"));
    }

    /** As Ansible's host_list plugin (checked with ansible-inventory -i LIST --list): only an address gives a port. */
    @Test
    void aHostListItemThatIsNoAddressIsTheNameAsWritten() {
        Inventory inv = Inventory.load(List.of("h:2222,web[1:2]:22,[fe80::9]:23,h_:2,h:2200"), null);
        assertEquals(List.of("h", "web[1:2]:22", "fe80::9", "h_:2"), inv.hosts().stream().map(Host::name).toList());
        assertEquals(2222, inv.hostVars("h").get("ansible_port"));
        assertEquals(23, inv.hostVars("fe80::9").get("ansible_port"));
        assertFalse(inv.hostVars("web[1:2]:22").containsKey("ansible_port"));
        assertFalse(inv.hostVars("h_:2").containsKey("ansible_port"));
    }

    @Test
    void missingInventorySuggestsANearbyNameAndTheOtherSourcesAreRead() {
        Inventory inv = Fixture.load("sources/b.yaml", "sources/b.yml");
        assertTrue(inv.warnings().get(0).endsWith("b.yaml as an inventory source (no such file or folder; did you mean "
                + "'b.yml'?)"), inv.warnings().toString());
        assertFalse(inv.hosts().isEmpty());
        assertTrue(inv.warnings().stream().noneMatch(w -> w.startsWith("No inventory was parsed")), inv.warnings().toString());
    }

    @Test
    void unknownGroupKeyPointsAtTheKeyWithDidYouMean() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/childs.yml"));
        assertEquals("src/test/resources/inventory/broken/childs.yml:4:7: unknown key 'childs' in group "
                + "'control_planes' (did you mean 'children'?)", e.format());
    }

    @Test
    void variableWrittenDirectlyUnderAGroupSaysToUseVars() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/var-under-group.yml"));
        assertEquals(4, e.position().line());
        assertEquals(7, e.position().column());
        assertEquals("unknown key 'ansible_user' in group 'web' (a group may only have 'hosts', 'vars' and "
                + "'children'; put variables under 'vars:')", e.cause());
    }

    @Test
    void hostsWrittenAsAListSayHowToWriteThem() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/hosts-as-list.yml"));
        assertEquals("src/test/resources/inventory/broken/hosts-as-list.yml:5:9: hosts of group 'web' must be a "
                + "mapping of host names to their vars, not a list (write each host as 'name:' on its own line, "
                + "without '- ')", e.format());
    }

    @Test
    void childrenWrittenAsAListSayHowToWriteThem() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/children-as-list.yml"));
        assertEquals("src/test/resources/inventory/broken/children-as-list.yml:3:5: children of group 'all' must be a "
                + "mapping of group names, not a list (write each child group as 'name:' on its own line, without "
                + "'- ')", e.format());
    }

    @Test
    void groupVarsWrittenAsAListSayHowToWriteThem() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/vars-as-list.yml"));
        assertEquals("src/test/resources/inventory/broken/vars-as-list.yml:3:5: vars of group 'web' must be a mapping "
                + "of variable names to values, not a list (write them as 'name: value' lines below 'vars:')",
                e.format());
    }

    @Test
    void hostsAtTheTopLevelSayToPutThemUnderAGroup() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/hosts-at-top.yml"));
        assertEquals("src/test/resources/inventory/broken/hosts-at-top.yml:2:1: 'hosts' at the top of an inventory is "
                + "read as a group name (put it under a group, e.g. 'all:' with 'hosts:' indented below it)", e.format());
    }

    @Test
    void hostsWithoutTrailingColonsAreCaught() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/hosts-without-colons.yml"));
        assertEquals(3, e.position().line());
        assertEquals("write each host on its own line ending with ':'", e.hint());
    }

    @Test
    void hostVarsMustBeAMapping() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/host-vars-scalar.yml"));
        assertEquals(3, e.position().line());
        assertEquals(12, e.position().column());
        assertTrue(e.getMessage().startsWith("the vars of host 'web-1' must be a mapping, not a string"), e.getMessage());
    }

    @Test
    void paddedRangeWithUnequalLengthsIsAnError() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/bad-range.yml"));
        assertEquals("src/test/resources/inventory/broken/bad-range.yml:3:5: bad host range in 'web-[01:3]': a "
                + "zero-padded host range needs begin and end of equal length, e.g. [01:10]", e.format());
    }

    @Test
    void groupLoopsAreRejected() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/loop.yml"));
        assertEquals("src/test/resources/inventory/broken/loop.yml:3:5: adding group 'b' as a child of 'a' creates "
                + "a loop: 'a' is already below 'b'", e.format());
    }

    @Test
    void aListAtTopLevelIsNotAnInventory() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/not-a-mapping.yml"));
        assertEquals(1, e.position().line());
        assertTrue(e.getMessage().startsWith("an inventory must be a mapping of group names"), e.getMessage());
    }

    @Test
    void aVaultEncryptedVarsFileWithoutAPasswordIsAClearError() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/vaulted"));
        assertEquals("src/test/resources/inventory/broken/vaulted/group_vars/all.yml:1:1: this is encrypted with "
                + "ansible-vault and no vault password was given (give it with --vault-password-file FILE, --vault-id "
                + "[label@]FILE|prompt, --ask-vault-pass, or the ANSIBLE_VAULT_PASSWORD_FILE environment variable)", e.format());
    }

    @Test
    void groupPriorityMustBeANumber() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/bad-priority.yml"));
        assertEquals("src/test/resources/inventory/broken/bad-priority.yml:3:29: ansible_group_priority must be a "
                + "whole number, not a string", e.format());
    }

    @Test
    void aHostNameThatIsANumberIsRefusedAsAnsiblesYamlPluginRefusesIt() {
        // ansible-core's inventory_yaml target (test_int_hostname.yml); a quoted "5678" is a name
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/int-host.yml"));
        assertEquals("src/test/resources/inventory/broken/int-host.yml:5:9: Host pattern 1234 must be a string. Enclose "
                + "integers/floats in quotation marks. (write '1234':)", e.format());
    }

    @Test
    void malformedGroupVarsFileIsAPositionedError() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/bad-group-vars"));
        assertTrue(e.position().file().endsWith("group_vars/web.yml"), e.position().toString());
        assertEquals(1, e.position().line());
        assertTrue(e.getMessage().startsWith("a vars file must be a mapping"), e.getMessage());
    }

    @Test
    void declaredHostsAreNotImplicit() {
        Inventory inv = Fixture.load("patterns/hosts.yml");
        assertFalse(inv.host("web-1").orElseThrow().implicit());
        assertTrue(inv.host("nosuch").isEmpty());
    }

    @Test
    void singleHostAndSingleChildMayBeWrittenAsAPlainName() {
        Inventory inv = Fixture.load("misc/hosts.yml");
        assertEquals(List.of("web-1", "web-2", "fe80::1", "db"), inv.hostsOf("web"));
        assertEquals(List.of("all", "web", "canary"), inv.host("web-2").orElseThrow().groups());
    }

    @Test
    void ipv6HostNamesAreNotMistakenForPorts() {
        Inventory inv = Fixture.load("misc/hosts.yml");
        assertEquals(Map.of("note", "ipv6 stays whole", "inventory_file", file("misc/hosts.yml"),
                "inventory_dir", folder("misc/hosts.yml")), inv.hostVars("fe80::1"));
    }

    @Test
    void emptyFilesAndNameClashesAreWarnings() {
        Inventory inv = Fixture.load("misc");
        assertEquals(List.of(
                Fixture.path("misc/empty.yml") + ": empty inventory file, no hosts read",
                "src/test/resources/inventory/misc/hosts.yml:9:5: found both a group and a host named 'db'; "
                        + "patterns will match the host"),
                inv.warnings());
    }

    @Test
    void hostVarsCannotBeChangedByTheCaller() {
        Inventory inv = Fixture.load("layered/inventory");
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) inv.hostVars("mgmt-1").get("settings");
        assertThrows(UnsupportedOperationException.class, () -> settings.put("a", 99));
        assertThrows(UnsupportedOperationException.class, () -> inv.hostVars("mgmt-1").put("x", 1));
        assertEquals(1, ((Map<?, ?>) inv.hostVars("cp-us-1").get("settings")).get("a"));
    }

    @Test
    void groupsMapHoldsEveryGroupWithItsHostsForTheGroupsVariable() {
        Inventory inv = Fixture.load("layered/inventory");
        Map<String, List<String>> groups = inv.groupsMap();
        assertEquals(List.of("all", "ungrouped", "control_planes", "eu", "us", "mgmt"), List.copyOf(groups.keySet()));
        // as Ansible's Group.get_hosts: all's own hosts (mgmt-1 is written under all: hosts:), then its children's
        assertEquals(List.of("mgmt-1", "cp-eu-1", "cp-eu-2", "cp-eu-3", "cp-us-1"), groups.get("all"));
        assertEquals(List.of(), groups.get("ungrouped"));
        assertEquals(List.of(), inv.hostsOf("no_such_group"));
    }

    @Test
    void emptyInventoryWarnsThatOnlyLocalhostIsAvailable() {
        Inventory inv = Inventory.load(List.of(), null);
        // no source at all: the inventory's warning (ansible-inventory's too); the command line's for a run of 'all'
        // (ansible-playbook's, shown after it), not for the implicit localhost's own name (ansible's ad-hoc)
        assertEquals(List.of("No inventory was parsed, only implicit localhost is available"), inv.warnings());
        assertEquals(List.of("provided hosts list is empty, only localhost is available. Note that the implicit "
                + "localhost does not match 'all'"), inv.hostListWarnings("all"));
        assertEquals(List.of(), inv.hostListWarnings("127.0.0.1"));
        assertEquals(List.of(), inv.select("all", io.runbook.engine.error.SourcePosition.of("x")).names());
    }
}
