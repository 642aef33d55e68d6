package io.runbook.engine.vars;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

/**
 * ansible.utils' IP tests ({@code x is ansible.utils.ipv4_address}): Python's ipaddress module reads the value
 * (strictly: a network has no host bits), text that is no address or network is simply not one (false).
 * ansible-core 2.14 routes none of them from a short name, so they have only their collection name.
 */
final class IpTests {
    private static final String PREFIX = "ansible.utils.";

    private IpTests() {
    }

    static void register(MoreTests.Registry r) {
        network(r, "ip", n -> true);
        network(r, "ipv4", n -> n.version() == 4);
        network(r, "ipv6", n -> n.version() == 6);
        address(r, "ip_address", a -> true);
        address(r, "ipv4_address", a -> a.version() == 4);
        address(r, "ipv6_address", a -> a.version() == 6);
        address(r, "ipv6_ipv4_mapped", a -> IpRanges.mappedIpv4(a) != null);
        address(r, "ipv6_sixtofour", a -> a.version() == 6 && a.within("2002::/16"));
        address(r, "ipv6_teredo", a -> a.version() == 6 && a.within("2001::/32"));
        address(r, "private", IpRanges::pythonPrivate);
        address(r, "public", IpRanges::pythonGlobal);
        address(r, "reserved", IpRanges::pythonReserved);
        address(r, "loopback", IpRanges::pythonLoopback);
        address(r, "multicast", IpRanges::pythonMulticast);
        address(r, "unspecified", IpRanges::pythonUnspecified);
        r.put(PREFIX + "ipv4_netmask", (v, a) -> mask(v, true));
        r.put(PREFIX + "ipv4_hostmask", (v, a) -> mask(v, false));
        r.put(PREFIX + "in_network", (v, a) -> inNetwork(v, IsTests.one(a, "in_network")));
        r.put(PREFIX + "subnet_of", (v, a) -> inNetwork(v, IsTests.one(a, "subnet_of")));
        r.put(PREFIX + "supernet_of", (v, a) -> inNetwork(IsTests.one(a, "supernet_of"), v));
        r.put(PREFIX + "in_any_network", (v, a) -> matches(v, IsTests.one(a, "in_any_network")) > 0);
        r.put(PREFIX + "in_one_network", (v, a) -> matches(v, IsTests.one(a, "in_one_network")) == 1);
        r.put(PREFIX + "mac", (v, a) -> MacAddress.looksLike(v));
        r.put(PREFIX + "resolvable", (v, a) -> resolvable(text(v)));
    }

    private static void network(MoreTests.Registry r, String name, Predicate<IpNetwork> test) {
        r.put(PREFIX + name, (v, a) -> {
            IpNetwork n = IpNetwork.network(text(v));
            return n != null && test.test(n);
        });
    }

    private static void address(MoreTests.Registry r, String name, Predicate<IpNetwork> test) {
        r.put(PREFIX + name, (v, a) -> {
            IpNetwork n = IpNetwork.address(text(v));
            return n != null && test.test(n);
        });
    }

    /** The value as the tests' argument spec (type str) gives it to the test. */
    private static String text(Object value) {
        return value == null ? "" : ValueText.of(value);
    }

    /** Whether the text is a netmask (255.255.255.0) or hostmask (0.0.0.255) exactly as Python writes it. */
    private static boolean mask(Object value, boolean netmask) {
        String mask = text(value);
        IpNetwork n = IpNetwork.network("10.0.0.0/" + mask);
        if (n == null) {
            return false;
        }
        return IpNetwork.text(4, netmask ? n.netmask() : n.hostmask()).equals(mask);
    }

    private static boolean inNetwork(Object inner, Object outer) {
        IpNetwork a = IpNetwork.network(text(inner));
        IpNetwork b = IpNetwork.network(text(outer));
        return a != null && b != null && b.contains(a);
    }

    /** How many of the networks hold the value (text is no list of networks: Python goes through its characters). */
    private static int matches(Object value, Object networks) {
        if (networks instanceof CharSequence) {
            return 0;
        }
        return (int) Renderer.iterate(networks).stream().filter(n -> inNetwork(value, n)).count();
    }

    /** Whether an address has a name (a reverse lookup) or a name an address, through the system's resolver. */
    private static boolean resolvable(String host) {
        try {
            if (IpNetwork.address(host) != null) {
                InetAddress address = InetAddress.getByName(host);
                return !address.getCanonicalHostName().equals(address.getHostAddress());
            }
            if (host.isEmpty() || host.contains(":")) {
                return false;
            }
            return InetAddress.getAllByName(host).length > 0;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
