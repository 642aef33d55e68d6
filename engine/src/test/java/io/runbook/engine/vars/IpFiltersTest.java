package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ansible.utils' IP filters and tests: the edges and refusals (parity/ipaddr.yml compares the rest with Ansible). */
class IpFiltersTest {
    private final Conditions conditions = new Conditions();

    private Object value(String expression) {
        return conditions.evaluate(expression, new java.util.HashMap<>(), WHERE);
    }

    private String failure(String expression) {
        return assertThrows(UserError.class, () -> value(expression)).cause();
    }

    @Test
    void theFrontEnvoyAddressIsAnIpOrAHostname() {
        assertEquals(Boolean.TRUE, value("'203.0.113.7' is ansible.utils.ip_address"));
        assertEquals(Boolean.FALSE, value("'envoy.tsb.example.com' is ansible.utils.ip_address"));
        assertEquals(Boolean.FALSE, value("'envoy.tsb.example.com' | ansible.utils.ipaddr"));
        assertEquals("7.113.0.203.in-addr.arpa.", value("'203.0.113.7' | ipaddr('revdns')"));
    }

    @Test
    void aQueryWordNoFilterKnowsIsRefusedWithTheNearestWord() {
        assertEquals("ipaddr: unknown filter type: revnds", failure("'10.0.0.1' | ansible.utils.ipaddr('revnds')")
                .replaceAll(" \\(did you mean.*", ""));
        assertTrue(failure("'10.0.0.1' | ansible.utils.ipaddr('revnds')").contains("did you mean 'revdns'?"));
        assertTrue(failure("'10.0.0.1' | ansible.utils.ipv4('bogus')").startsWith("ipv4: unknown filter type: bogus"));
    }

    @Test
    void valuesOfOtherTypesAreRefusedAsAnsibleUtilsDoes() {
        assertEquals("Unrecognized type <<class 'NoneType'>> for ipaddr filter <value>", failure("none | ansible.utils.ipaddr"));
        assertEquals("Unrecognized type <<class 'dict'>> for ipaddr filter <value>", failure("{'a': 1} | ipaddr"));
        assertEquals("Unrecognized type <<class 'int'>> for ipwrap filter <value>", failure("5 | ansible.utils.ipwrap"));
    }

    @Test
    void emptyAndTrueValuesAreNoAddressAndListsDropThem() {
        assertEquals(Boolean.FALSE, value("'' | ansible.utils.ipaddr"));
        assertEquals(Boolean.FALSE, value("true | ansible.utils.ipaddr"));
        assertEquals(List.of("10.0.0.1"), value("['10.0.0.1', '', none, true] | ansible.utils.ipaddr"));
    }

    @Test
    void addressPrefixQueriesRefuseAnAddressAndNameThePointToPointEnds() {
        assertEquals("Not a network address", failure("'10.0.0.1' | ansible.utils.ipaddr('first_usable')"));
        assertEquals("Network address of /30 has no peer", failure("'10.0.0.0/30' | ansible.utils.ipaddr('peer')"));
        assertEquals("Not a point-to-point network", failure("'10.0.0.1/24' | ansible.utils.ipaddr('peer')"));
    }

    @Test
    void ipmathRefusesWhatIsNoAddressAndLeavingTheAddressSpace() {
        assertEquals("You must pass a valid IP address; x is invalid", failure("'x' | ansible.utils.ipmath(1)"));
        assertEquals("ipmath: result outside valid IP address boundary!", failure("'255.255.255.255' | ipmath(1)"));
        assertTrue(failure("'10.0.0.1' | ipmath('a')").startsWith("argument 'amount' is of type <class 'str'>"));
    }

    @Test
    void ipsubnetNamesASizeTooLargeAndANetworkOutside() {
        assertEquals("Requested subnet size of 8 is invalid", failure("'192.168.0.0/16' | ansible.utils.ipsubnet(8)"));
        assertEquals("10.0.0.0/20 is not in the subnet 192.168.0.0/16",
                failure("'10.0.0.0/20' | ansible.utils.ipsubnet('192.168.0.0/16')"));
    }

    @Test
    void cidrMergeNamesTheBadEntryAndAction() {
        assertEquals("cidr_merge: error in netaddr:\ninvalid IPNetwork x", failure("['10.0.0.0/8', 'x'] | cidr_merge"));
        assertTrue(failure("['10.0.0.0/8'] | cidr_merge('spam')").startsWith("cidr_merge: invalid action 'spam'"));
        assertEquals("cidr_merge: error in netaddr:\nIP sequence cannot contain both IPv4 and IPv6!",
                failure("['10.0.0.0/8', '::1'] | cidr_merge('span')"));
    }

    @Test
    void usableRangeReadsTheNetworkStrictlyAsPython() {
        assertEquals("Error while using plugin 'usable_range': 192.168.1.1/30 has host bits set",
                failure("'192.168.1.1/30' | ansible.utils.usable_range"));
        assertEquals(Map.of("usable_ips", List.of("10.0.0.0", "10.0.0.1"), "number_of_ips", 2),
                value("'10.0.0.0/31' | ansible.utils.usable_range"));
    }

    @Test
    void largeNumbersStayExact() {
        assertEquals(new BigInteger("340282366920938463463374607431768211456"), value("'::/0' | ansible.utils.ipaddr('size')"));
        assertEquals("::255.255.255.255/128", value("'4294967295' | ansible.utils.ipv6('ipv6')"), "a number as IPv6");
    }

    @Test
    void testsHaveOnlyTheirCollectionNameAsInAnsible214() {
        assertTrue(failure("'10.0.0.1' is ipv4_address").contains("ipv4_address"));
        assertEquals(Boolean.TRUE, value("'10.0.0.1' is ansible.utils.ipv4_address"));
        assertEquals(Boolean.FALSE, value("['10.0.0.1'] is ansible.utils.ip"));
        assertEquals(Boolean.TRUE, value("'10.1.2.3' is ansible.utils.in_any_network(['10.0.0.0/8'])"));
    }
}
