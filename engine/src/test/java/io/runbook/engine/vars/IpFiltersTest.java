package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ansible.utils' IP and hardware address filters and tests: the edges and refusals (parity/ipaddr.yml, hwaddr.yml and
 * ipaddr_warnings.yml compare the rest with Ansible).
 */
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

    // the hardware address filters and test, and ipaddr's warning for an empty value (parity/hwaddr.yml, parity/ipaddr_warnings.yml)

    @Test
    void aQueryOnWhatIsNoHardwareAddressFailsNamingTheFilter() {
        assertEquals("hwaddr: not a hardware address: x", failure("'x' | ansible.utils.hwaddr('int')"));
        assertEquals("macaddr: not a hardware address: 1a:2b:3c:4d:5e", failure("'1a:2b:3c:4d:5e' | ansible.utils.macaddr('cisco')"));
        assertEquals("zz: not a hardware address: x", failure("'x' | ansible.utils.hwaddr('unix', 'zz')"));
        // only 'bool' and no query give None for such a value
        assertNull(value("'x' | ansible.utils.hwaddr('bool')"));
        assertNull(value("'x' | ansible.utils.hwaddr"));
    }

    @Test
    void anUnknownQueryWordIsRefusedWithTheNearestWord() {
        String cause = failure("'aa:bb:cc:dd:ee:ff' | ansible.utils.macaddr('cicso')");
        assertTrue(cause.startsWith("macaddr: unknown filter type: cicso"), cause);
        assertTrue(cause.contains("did you mean 'cisco'?"), cause);
        assertEquals("hwaddr: unknown filter type: None", failure("'aa:bb:cc:dd:ee:ff' | ansible.utils.hwaddr(query=none)"));
    }

    @Test
    void theShortNamesAreThoseAnsibleCoreRoutes() {
        assertEquals("aabb.ccdd.eeff", value("'aa:bb:cc:dd:ee:ff' | hwaddr('cisco')"));
        assertEquals("aabb.ccdd.eeff", value("'aa:bb:cc:dd:ee:ff' | ansible.netcommon.macaddr('cisco')"));
        assertTrue(failure("'aa:bb:cc:dd:ee:ff' | macaddr").contains("macaddr"));
        assertTrue(failure("'aa:bb:cc:dd:ee:ff' is mac").contains("mac"));
    }

    @Test
    void anEui64HasNoMacDialect() {
        assertEquals("1a:2b:3c:4d:5e:6f:7a:8b", value("'1a:2b:3c:4d:5e:6f:7a:8b' | ansible.utils.hwaddr"));
        assertEquals("integer out of bounds: '0x1000000000000'!", failure("'281474976710656' | ansible.utils.hwaddr('bare')"));
        // a number of sixteen digits is read as an EUI-64's hexadecimal notation, as netaddr tries that first
        assertEquals(Long.parseLong("1234567890123456", 16), value("'1234567890123456' | ansible.utils.hwaddr('int')"));
    }

    @Test
    void theMacTestReadsTextOnly() {
        assertEquals(Boolean.TRUE, value("'02:16-3e:e4-16:f3' is ansible.utils.mac"));
        assertEquals(Boolean.TRUE, value("'02163ee416f3\\n' is ansible.utils.mac"));
        assertEquals(Boolean.FALSE, value("'2:16:3e:e4:16:f3' is ansible.utils.mac"));
        assertEquals("expected string or bytes-like object, got 'int'", failure("12 is ansible.utils.mac"));
        assertEquals("expected string or bytes-like object, got 'NoneType'", failure("none is ansible.utils.mac"));
    }

    @Test
    void slaacAddsTheModifiedEui64ToTheNetworkAndFailsPastTheLastAddress() {
        assertEquals("fdcf:1894:23b5:d38c:c031:b3ff:fe83:bf2c",
                value("'fdcf:1894:23b5:d38c::1' | ansible.utils.slaac('c2:31:b3:83:bf:2b')"));
        assertEquals("bad address format: 340282366920938463477223655672977276459",
                failure("'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120' | ansible.utils.slaac('c2:31:b3:83:bf:2b')"));
        assertEquals(Boolean.FALSE, value("'10.0.0.0/8' | ansible.utils.slaac('c2:31:b3:83:bf:2b')"));
    }

    @Test
    void anEmptyValueForIpaddrWarnsWhereTheRunSendsFilterWarnings() {
        List<String> shown = new ArrayList<>();
        Object result = FilterWarnings.to(shown::add, () -> value("'' | ansible.utils.network_in_usable('1.2.3.4')"));
        assertEquals(Boolean.FALSE, result);
        assertEquals("The value '' is not a valid IP address or network, passing this value to ipaddr filter might result"
                + " in breaking change in future.", shown.get(0));
        assertTrue(shown.get(shown.size() - 1).startsWith("The value 'False' is not"), shown.toString());
        shown.clear();
        FilterWarnings.to(shown::add, () -> value("'' | ansible.utils.hwaddr"));
        assertEquals(List.of(), shown);
    }
}
