package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** INI inventories, read as Ansible's ini plugin reads them (each expectation checked with ansible-inventory). */
class IniInventoryTest {

    @Test
    void sectionsDeclareGroupsHostsAndChildrenEvenWhenAChildComesLater() {
        Inventory inv = Fixture.load("ini/hosts");
        assertEquals(List.of("bastion"), inv.hostsOf("ungrouped"));
        assertEquals(List.of("web-1", "web-2", "web-3"), inv.hostsOf("web"));
        assertEquals(List.of("web-1", "web-2", "web-3", "db-1", "edge-1"), inv.hostsOf("prod"));
        assertEquals(List.of("all", "prod", "web"), inv.host("web-1").orElseThrow().groups());
    }

    @Test
    void inlineHostVarsArePythonLiteralsAfterShellQuotesAreRemoved() {
        Map<String, Object> web3 = Fixture.load("ini/hosts").hostVars("web-3");
        assertEquals("10.0.0.3", web3.get("ansible_host"));
        assertEquals(10, web3.get("weight"));
        assertEquals(1.5, web3.get("ratio"));
        assertEquals(true, web3.get("enabled"));
        assertEquals("two words", web3.get("label"));
        assertEquals("yes", web3.get("flag"));
        assertEquals(List.of(1, "a"), web3.get("items"));
        assertEquals(16, web3.get("hex"));
        assertNull(web3.get("none"));
        assertEquals(true, web3.containsKey("none"));
    }

    @Test
    void groupVarsKeepQuotesAsPythonDoesAndRangesAndPortsExpand() {
        Map<String, Object> web1 = Fixture.load("ini/hosts").hostVars("web-1");
        assertEquals(2222, web1.get("ansible_port"));
        assertEquals("front", web1.get("tier"));
        assertEquals(3, web1.get("replicas"));
        assertEquals("3", web1.get("quoted_number"));
        assertEquals("hello world", web1.get("spaced"));
        assertEquals(Map.of("a", 1), web1.get("opts"));
        assertEquals(false, web1.get("truth"));
        assertEquals("production", web1.get("env"));
        assertEquals("10.0.0.53", web1.get("dns_server"));
        assertEquals(false, web1.containsKey("ansible_group_priority"));
    }

    @Test
    void iniIsRecognisedWhateverTheFileIsCalled() {
        assertEquals(List.of("web-1"), Fixture.load("ini/web.ini").hostsOf("web"));
        Inventory inv = Fixture.load("ini/no-extension");
        assertEquals("10.0.0.1", inv.hostVars("web-1").get("ansible_host"));
        assertEquals(List.of("db-1"), inv.hostsOf("db"));
    }

    @Test
    void aDirectoryMixesIniAndYamlAndSkipsDotIniFilesAsAnsibleDoes() {
        Inventory inv = Fixture.load("ini/mixed");
        assertEquals(List.of("web-1", "db-1"), inv.hosts().stream().map(Host::name).toList());
        assertEquals(true, inv.hostVars("web-1").get("from_group_vars"));
    }

    @Test
    void aChildGroupThatIsNeverDeclaredIsAnError() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("ini/undeclared-child"));
        assertEquals("src/test/resources/inventory/ini/undeclared-child:2:1: section [prod:children] names group 'web', "
                + "which is not declared anywhere in this file (declare it with a [web] or [web:children] section)", e.format());
    }

    @Test
    void anUnknownSectionTypeAndAVarWithoutValueAreErrors() {
        UserError section = assertThrows(UserError.class, () -> Fixture.load("ini/bad-section"));
        assertEquals("src/test/resources/inventory/ini/bad-section:3:1: section [web:hostz] has an unknown type 'hostz' "
                + "(use [web], [web:vars] or [web:children])", section.format());
        UserError var = assertThrows(UserError.class, () -> Fixture.load("ini/bad-var"));
        assertEquals("src/test/resources/inventory/ini/bad-var:2:1: expected key=value in [web:vars], got 'just_a_name'",
                var.format());
    }

    /** As Ansible's parse_address reads a host entry (checked with ansible-inventory --list on addresses/hosts.ini). */
    @Test
    void hostEntriesAreReadAsAnsibleReadsAddresses() {
        Inventory inv = Fixture.load("addresses/hosts.ini");
        assertEquals(List.of("fe80::1", "fe80::3"), inv.hostsOf("v6"));
        assertEquals(2222, inv.hostVars("fe80::1").get("ansible_port"));
        assertEquals(List.of("web01", "web02", "h_:22", "1.2.3.4"), inv.hostsOf("r"));
        assertEquals(2200, inv.hostVars("web02").get("ansible_port"));
        assertEquals(5, inv.hostVars("1.2.3.4").get("ansible_port"));
        assertNull(inv.hostVars("h_:22").get("ansible_port"));
        assertNull(inv.hostVars("h").get("ansible_port"), "a host already read keeps its port");
        assertEquals(List.of("h"), inv.hostsOf("b"));
        assertNull(inv.hostVars("zero").get("ansible_port"), "port 0 is no port");
    }

    @Test
    void aBracketThatBeginsNoRangeIsAnError() {
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/bracket-without-range.ini"));
        assertEquals("src/test/resources/inventory/broken/bracket-without-range.ini:3:1: bad host range in 'host[1]': a "
                + "host range is [begin:end] or [begin:end:step]", e.format());
    }

    @Test
    void anUnclosedSectionIsAHostWithoutItsRangeEnd() {
        // as Ansible's ini plugin, which reads '[web' as a host and fails in expand_hostname_range
        UserError e = assertThrows(UserError.class, () -> Fixture.load("broken/unclosed-section.ini"));
        assertEquals("src/test/resources/inventory/broken/unclosed-section.ini:2:1: not enough values to unpack (expected 3, "
                + "got 2) ('[web' has a '[' without its ']': a section is [group], a host range [begin:end] or "
                + "[begin:end:step])", e.format());
    }
}
