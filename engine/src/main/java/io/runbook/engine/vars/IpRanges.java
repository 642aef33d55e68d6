package io.runbook.engine.vars;

import java.util.List;

/**
 * The special address blocks two libraries know, each its own way: python-netaddr's (which ansible.utils' ipaddr
 * filter asks) and Python's ipaddress module (which its tests ask); a block is a CIDR or a first-last range.
 */
final class IpRanges {
    private static final List<String> NETADDR_PRIVATE_V4 = List.of("10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "239.0.0.0/8");
    private static final List<String> NETADDR_PRIVATE_V6 = List.of("fc00::/7", "fec0::/10");
    private static final List<String> PYTHON_PRIVATE_V4 = List.of("0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.0.170/31", "192.0.2.0/24", "192.168.0.0/16",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32");
    private static final List<String> PYTHON_PRIVATE_V4_EXCEPT = List.of("192.0.0.9/32", "192.0.0.10/32");
    private static final List<String> PYTHON_PRIVATE_V6 = List.of("::1/128", "::/128", "::ffff:0:0/96",
            "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10");
    private static final List<String> PYTHON_PRIVATE_V6_EXCEPT = List.of("2001:1::1/128", "2001:1::2/128",
            "2001:3::/32", "2001:4:112::/48", "2001:20::/28", "2001:30::/28");
    private static final List<String> PYTHON_RESERVED_V6 = List.of("::/8", "100::/8", "200::/7", "400::/6", "800::/5",
            "1000::/4", "4000::/3", "6000::/3", "8000::/3", "a000::/3", "c000::/3", "e000::/4", "f000::/5", "f800::/6",
            "fe00::/9");

    private IpRanges() {
    }

    private static boolean any(IpNetwork v, List<String> blocks) {
        return blocks.stream().anyMatch(v::within);
    }

    // python-netaddr 0.8 (IPAddress and IPNetwork methods: a network counts when all of it is in the block)

    static boolean netaddrMulticast(IpNetwork v) {
        return v.within(v.version() == 4 ? "224.0.0.0/4" : "ff00::/8");
    }

    static boolean netaddrLoopback(IpNetwork v) {
        return v.version() == 4 ? v.within("127.0.0.0/8") : v.ip().intValue() == 1 && v.ip().bitLength() <= 1;
    }

    static boolean netaddrPrivate(IpNetwork v) {
        return any(v, v.version() == 4 ? NETADDR_PRIVATE_V4 : NETADDR_PRIVATE_V6)
                || v.within(v.version() == 4 ? "169.254.0.0/16" : "fe80::/10");
    }

    /** ipaddr's 'public': unicast, not private, not loopback, and no netmask or hostmask (0.0.0.0, 0.0.0.255). */
    static boolean netaddrPublic(IpNetwork one) {
        java.math.BigInteger up = one.ip().add(java.math.BigInteger.ONE);
        java.math.BigInteger inverted = one.ip().xor(one.max()).add(java.math.BigInteger.ONE);
        boolean hostmask = up.and(up.subtract(java.math.BigInteger.ONE)).signum() == 0;
        boolean netmask = inverted.and(inverted.subtract(java.math.BigInteger.ONE)).signum() == 0;
        return !netaddrMulticast(one) && !netaddrPrivate(one) && !netaddrLoopback(one) && !netmask && !hostmask;
    }

    // Python 3.11's ipaddress (addresses)

    static boolean pythonPrivate(IpNetwork a) {
        IpNetwork mapped = mappedIpv4(a);
        if (mapped != null) {
            return pythonPrivate(mapped);
        }
        return a.version() == 4 ? any(a, PYTHON_PRIVATE_V4) && !any(a, PYTHON_PRIVATE_V4_EXCEPT)
                : any(a, PYTHON_PRIVATE_V6) && !any(a, PYTHON_PRIVATE_V6_EXCEPT);
    }

    static boolean pythonGlobal(IpNetwork a) {
        return a.version() == 4 ? !a.within("100.64.0.0/10") && !pythonPrivate(a) : !pythonPrivate(a);
    }

    static boolean pythonReserved(IpNetwork a) {
        return a.version() == 4 ? a.within("240.0.0.0/4") : any(a, PYTHON_RESERVED_V6);
    }

    static boolean pythonLoopback(IpNetwork a) {
        return a.version() == 4 ? a.within("127.0.0.0/8") : a.ip().equals(java.math.BigInteger.ONE);
    }

    static boolean pythonMulticast(IpNetwork a) {
        return a.within(a.version() == 4 ? "224.0.0.0/4" : "ff00::/8");
    }

    static boolean pythonUnspecified(IpNetwork a) {
        return a.ip().signum() == 0;
    }

    /** The IPv4 address of an IPv4-mapped IPv6 address (::ffff:0:0/96), else null. */
    static IpNetwork mappedIpv4(IpNetwork a) {
        return a.version() == 6 && a.ip().shiftRight(32).intValue() == 0xffff && a.ip().bitLength() <= 48
                ? new IpNetwork(4, a.ip().and(java.math.BigInteger.valueOf(0xffffffffL)), 32) : null;
    }
}
