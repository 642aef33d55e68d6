package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * An IP address with a prefix length, as ansible.utils' filters (python-netaddr's IPNetwork) and tests (Python's
 * ipaddress) read one: the address keeps its host bits ({@code 192.168.1.10/24}). Two readings of text: netaddr's
 * lenient one ({@code 10.1} is 10.1.0.0, a netmask or hostmask after the slash) and Python's strict one.
 */
record IpNetwork(int version, BigInteger ip, int prefix) {
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    int bits() {
        return version == 4 ? 32 : 128;
    }

    BigInteger max() {
        return BigInteger.ONE.shiftLeft(bits()).subtract(BigInteger.ONE);
    }

    BigInteger hostmask() {
        return BigInteger.ONE.shiftLeft(bits() - prefix).subtract(BigInteger.ONE);
    }

    BigInteger netmask() {
        return max().xor(hostmask());
    }

    BigInteger first() {
        return ip.and(netmask());
    }

    BigInteger last() {
        return first().or(hostmask());
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    boolean isSingle() {
        return prefix == bits();
    }

    /** netaddr's broadcast: none for IPv4 /31 and /32, else the last address (IPv6 too). */
    BigInteger broadcast() {
        return version == 4 && bits() - prefix <= 1 ? null : last();
    }

    IpNetwork withIp(BigInteger value) {
        return new IpNetwork(version, value, prefix);
    }

    IpNetwork cidr() {
        return withIp(first());
    }

    /** Whether every address of {@code other} is in this network (and of the same version). */
    boolean contains(IpNetwork other) {
        return other.version == version && other.first().compareTo(first()) >= 0 && other.last().compareTo(last()) <= 0;
    }

    boolean within(String cidr) {
        return parse(cidr, true).contains(this);
    }

    String address() {
        return text(version, ip);
    }

    /** netaddr's str(): address/prefix. */
    @Override
    public String toString() {
        return address() + "/" + prefix;
    }

    /** An address as netaddr writes it (glibc's inet_ntop for IPv6: {@code ::ffff:1.2.3.4}). */
    static String text(int version, BigInteger value) {
        return version == 4 ? dotted(value.longValue()) : ipv6Text(value, true);
    }

    static String dotted(long value) {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }

    /** IPv6 text as glibc's inet_ntop writes it ({@link Ipv6Text}). */
    static String ipv6Text(BigInteger value, boolean dottedTail) {
        return Ipv6Text.of(value, dottedTail);
    }

    /** netaddr's reverse_dns of the address: {@code 4.3.2.1.in-addr.arpa.}, nibbles for IPv6. */
    String reverseDns() {
        StringBuilder out = new StringBuilder();
        if (version == 4) {
            String[] octets = address().split("\\.");
            for (int i = 3; i >= 0; i--) {
                out.append(octets[i]).append('.');
            }
            return out.append("in-addr.arpa.").toString();
        }
        String hex = String.format("%032x", ip);
        for (int i = 31; i >= 0; i--) {
            out.append(hex.charAt(i)).append('.');
        }
        return out.append("ip6.arpa.").toString();
    }

    /**
     * Text as netaddr's IPNetwork reads it (null when it does not): IPv4 of one to four decimal parts, the missing
     * ones zero; IPv6; after a slash a prefix length, or for IPv4 a netmask or hostmask.
     */
    static IpNetwork lenient(String text) {
        return parse(text.strip(), false);
    }

    /** Text as Python's ipaddress.ip_network reads it (strict: no host bits), null when it does not. */
    static IpNetwork network(String text) {
        IpNetwork n = parse(text, true);
        return n == null || !n.ip.equals(n.first()) ? null : n;
    }

    /** Text as Python's ipaddress.ip_address reads it: no prefix. */
    static IpNetwork address(String text) {
        return text.contains("/") ? null : parse(text, true);
    }

    /** The reason Python's ip_network refuses the text, as its ValueError says it. */
    static String networkError(String text) {
        IpNetwork n = parse(text, true);
        return n == null ? "'" + text + "' does not appear to be an IPv4 or IPv6 network" : text + " has host bits set";
    }

    private static IpNetwork parse(String text, boolean strict) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        String suffix = slash < 0 ? null : text.substring(slash + 1);
        if (strict && host.contains("%") && host.contains(":")) {
            host = host.substring(0, host.indexOf('%'));  // Python keeps an IPv6 scope apart from the address
        }
        BigInteger value = host.contains(":") ? ipv6(host) : ipv4(host, strict);
        if (value == null) {
            return null;
        }
        int version = host.contains(":") ? 6 : 4;
        int bits = version == 4 ? 32 : 128;
        int prefix = bits;
        if (suffix != null) {
            if (DIGITS.matcher(suffix).matches() && suffix.length() <= 3) {
                prefix = Integer.parseInt(suffix);
            } else if (version == 4 && ipv4(suffix, strict) != null) {
                prefix = maskPrefix(ipv4(suffix, strict).longValue());
            } else {
                return null;
            }
        }
        return prefix < 0 || prefix > bits ? null : new IpNetwork(version, value, prefix);
    }

    /** The prefix length a netmask (255.255.0.0) or hostmask (0.0.255.255) stands for, -1 for neither. */
    private static int maskPrefix(long mask) {
        for (int p = 0; p <= 32; p++) {
            long net = p == 0 ? 0 : 0xffffffffL << (32 - p) & 0xffffffffL;
            if (mask == net) {
                return p;
            }
        }
        for (int p = 0; p <= 32; p++) {
            if (mask == (p == 32 ? 0 : 0xffffffffL >>> p)) {
                return p;
            }
        }
        return -1;
    }

    private static BigInteger ipv4(String text, boolean strict) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4 || strict && parts.length != 4) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < 4; i++) {
            String part = i < parts.length ? parts[i] : "0";
            if (!DIGITS.matcher(part).matches() || part.length() > 3 || strict && part.length() > 1 && part.startsWith("0")) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = value << 8 | octet;
        }
        return BigInteger.valueOf(value);
    }

    private static BigInteger ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        java.util.List<Integer> before = groups(head);
        java.util.List<Integer> after = groups(tail);
        if (before == null || after == null) {
            return null;
        }
        int count = before.size() + after.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (int word : before) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(word));
        }
        value = value.shiftLeft(16 * (8 - count));
        for (int word : after) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(word));
        }
        return value;
    }

    /** The 16-bit groups of one side of {@code ::}; a dotted IPv4 address at the end is two groups. */
    private static java.util.List<Integer> groups(String side) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (side.isEmpty()) {
            return out;
        }
        String[] parts = side.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].contains(".")) {
                BigInteger v4 = ipv4(parts[i], true);
                if (v4 == null) {
                    return null;
                }
                out.add(v4.intValue() >>> 16);
                out.add(v4.intValue() & 0xffff);
            } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                out.add(Integer.parseInt(parts[i], 16));
            } else {
                return null;
            }
        }
        return out;
    }
}
