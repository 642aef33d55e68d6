package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ansible.utils' hardware address filters and test, and ipaddr's warning for an empty value: the refusals and edges
 * (parity/hwaddr.yml and parity/ipaddr_warnings.yml compare the rest with ansible-playbook).
 */
class MacFiltersTest {
    private final Conditions conditions = new Conditions();

    private Object value(String expression) {
        return conditions.evaluate(expression, new java.util.HashMap<>(), WHERE);
    }

    private String failure(String expression) {
        return assertThrows(UserError.class, () -> value(expression)).cause();
    }

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
