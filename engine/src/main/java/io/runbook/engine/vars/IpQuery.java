package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * ansible.utils' ipaddr(value, query, version): reads the value as an address or network (netaddr's lenient way, or
 * a number) and answers the query word about it; a value that is no address gives False, a list the answers that are
 * not empty. Results are text, numbers, True, or null (Python's None) where the query does not apply.
 */
final class IpQuery {
    /** What one query word answers for the parsed value, whether the value was written as an address or a network. */
    @FunctionalInterface
    private interface Answer {
        Object of(IpNetwork v, boolean network, Object value);
    }

    private static final Map<String, Answer> QUERIES = new TreeMap<>();
    private static final Pattern PY_FLOAT = Pattern.compile(
            "\\s*[+-]?((\\d[\\d_]*)?\\.?\\d[\\d_]*([eE][+-]?\\d+)?|\\d+\\.|inf(inity)?|nan)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PY_INT = Pattern.compile("\\s*[+-]?\\d+\\s*");

    static {
        QUERIES.put("", (v, net, value) -> net ? v.toString() : v.address());
        QUERIES.put("6to4", IpQuery::sixToFour);
        for (String word : List.of("address", "ip")) {
            QUERIES.put(word, (v, net, value) -> addressQuery(v));
        }
        for (String word : List.of("address/prefix", "gateway", "gw", "host/prefix", "hostnet", "router")) {
            QUERIES.put(word, (v, net, value) -> v.size().compareTo(BigInteger.TWO) > 0
                    && (v.ip().equals(v.first()) || v.ip().equals(v.broadcast())) ? Boolean.FALSE : v.toString());
        }
        QUERIES.put("bool", (v, net, value) -> Boolean.TRUE);
        QUERIES.put("broadcast", (v, net, value) -> big(v) ? text(v, v.broadcast()) : null);
        QUERIES.put("cidr", (v, net, value) -> v.toString());
        QUERIES.put("first_usable", (v, net, value) -> usable(v, net, "first"));
        QUERIES.put("last_usable", (v, net, value) -> usable(v, net, "last"));
        QUERIES.put("next_usable", (v, net, value) -> usable(v, net, "next"));
        QUERIES.put("previous_usable", (v, net, value) -> usable(v, net, "previous"));
        QUERIES.put("range_usable", (v, net, value) -> usable(v, net, "range"));
        QUERIES.put("peer", (v, net, value) -> peer(v, net));
        QUERIES.put("host", (v, net, value) -> v.isSingle() ? v.toString()
                : !v.ip().equals(v.first()) || v.broadcast() == null ? v.toString() : null);
        for (String word : List.of("hostmask", "wildcard")) {
            QUERIES.put(word, (v, net, value) -> IpNetwork.text(v.version(), v.hostmask()));
        }
        QUERIES.put("int", (v, net, value) -> net ? v.ip() + "/" + v.prefix() : PyNumbers.integer(v.ip()));
        QUERIES.put("ip/prefix", (v, net, value) -> v.size().equals(BigInteger.TWO)
                || v.size().compareTo(BigInteger.ONE) > 0 && !v.ip().equals(v.first()) ? v.toString() : null);
        QUERIES.put("ip_netmask", (v, net, value) -> v.size().equals(BigInteger.TWO) || v.size().compareTo(BigInteger.ONE) > 0
                && !v.ip().equals(v.first()) ? v.address() + " " + IpNetwork.text(v.version(), v.netmask()) : null);
        for (String word : List.of("ipv4", "v4")) {
            QUERIES.put(word, (v, net, value) -> v.version() == 6 ? toIpv4(v) : value);
        }
        for (String word : List.of("ipv6", "v6")) {
            QUERIES.put(word, (v, net, value) -> v.version() == 4 ? new IpNetwork(6,
                    v.ip().add(BigInteger.valueOf(0xffff00000000L)), v.prefix() + 96).toString() : value);
        }
        QUERIES.put("link-local", (v, net, value) -> single(v).within(v.version() == 4 ? "169.254.0.0/16" : "fe80::/10")
                ? value : null);
        for (String word : List.of("lo", "loopback")) {
            QUERIES.put(word, (v, net, value) -> IpRanges.netaddrLoopback(single(v)) ? value : null);
        }
        QUERIES.put("multicast", (v, net, value) -> IpRanges.netaddrMulticast(v) ? value : null);
        QUERIES.put("unicast", (v, net, value) -> IpRanges.netaddrMulticast(v) ? null : value);
        QUERIES.put("private", (v, net, value) -> IpRanges.netaddrPrivate(v) ? value : null);
        QUERIES.put("public", (v, net, value) -> IpRanges.netaddrPublic(single(v)) ? value : null);
        QUERIES.put("net", (v, net, value) -> big(v) && v.ip().equals(v.first()) ? v.toString() : null);
        QUERIES.put("netmask", (v, net, value) -> IpNetwork.text(v.version(), v.netmask()));
        for (String word : List.of("network", "network_id")) {
            QUERIES.put(word, (v, net, value) -> IpNetwork.text(v.version(), v.first()));
        }
        for (String word : List.of("network/prefix", "subnet")) {
            QUERIES.put(word, (v, net, value) -> v.cidr().toString());
        }
        QUERIES.put("network_netmask", (v, net, value) -> IpNetwork.text(v.version(), v.first()) + " "
                + IpNetwork.text(v.version(), v.netmask()));
        QUERIES.put("network_wildcard", (v, net, value) -> IpNetwork.text(v.version(), v.first()) + " "
                + IpNetwork.text(v.version(), v.hostmask()));
        QUERIES.put("prefix", (v, net, value) -> v.prefix());
        QUERIES.put("revdns", (v, net, value) -> v.reverseDns());
        QUERIES.put("size", (v, net, value) -> PyNumbers.integer(v.size()));
        QUERIES.put("size_usable", (v, net, value) -> v.isSingle() ? 0 : v.prefix() == v.bits() - 1 ? 2
                : PyNumbers.integer(v.size().subtract(BigInteger.TWO)));
        QUERIES.put("type", (v, net, value) -> v.isSingle() || !v.ip().equals(v.first()) ? "address" : "network");
        QUERIES.put("version", (v, net, value) -> v.version());
        QUERIES.put("wrap", (v, net, value) -> v.version() == 4 ? value
                : net ? "[" + v.address() + "]/" + v.prefix() : "[" + v.address() + "]");
    }

    private IpQuery() {
    }

    static Collection<String> words() {
        return QUERIES.keySet();
    }

    /** ipaddr(value, query, version); {@code alias} names the filter in errors (ipv4, ipwrap ...). */
    static Object ipaddr(Object value, String query, int version, String alias) {
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object answer = ipaddr(item, query, version, "ipaddr");
                if (PyValues.truthy(answer)) {
                    out.add(answer);
                }
            }
            return out;
        }
        if (!PyValues.truthy(value) || Boolean.TRUE.equals(value)) {
            FilterWarnings.warn("The value '" + ValueText.of(value) + "' is not a valid IP address or network, passing"
                    + " this value to ipaddr filter might result in breaking change in future.");
            return Boolean.FALSE;
        }
        Parsed p = read(value, version);
        if (p == null) {
            return Boolean.FALSE;
        }
        IpNetwork lookup = null;
        if (!query.isEmpty() && !QUERIES.containsKey(query) && !isDigits(query)) {
            lookup = IpNetwork.lenient(query);
        }
        if (version != 0 && p.v.version() != version) {
            return Boolean.FALSE;
        }
        if (lookup != null) {
            return lookup.cidr().contains(p.v) ? p.value : null;
        }
        Answer answer = QUERIES.get(query);
        if (answer != null) {
            return answer.of(p.v, p.network, p.value);
        }
        if (!PY_FLOAT.matcher(query).matches()) {
            throw new ExpressionFailure(alias + ": unknown filter type: " + query, Spelling.didYouMean(query, QUERIES.keySet()));
        }
        if (p.v.isSingle()) {
            return p.network ? p.v.toString() : p.v.address();
        }
        return nth(p.v, query);
    }

    /** The value read, whether it was written as a network, and the value as the queries give it back. */
    private record Parsed(IpNetwork v, boolean network, Object value) {
    }

    private static Parsed read(Object value, int version) {
        String text = value instanceof CharSequence || PyNumbers.isInt(value) ? ValueText.of(value) : null;
        if (text == null) {
            return null;
        }
        if (isDigits(text)) {
            IpNetwork v = number(new BigInteger(text), -1, version);
            return v == null ? null : new Parsed(v, false, v.toString());
        }
        IpNetwork v = IpNetwork.lenient(text);
        if (v != null) {
            return new Parsed(v, text.contains("/") && text.split("/", -1).length == 2, value);
        }
        String[] parts = text.split("/", -1);
        if (parts.length == 2 && PY_INT.matcher(parts[0]).matches() && PY_INT.matcher(parts[1]).matches()) {
            IpNetwork n = number(new BigInteger(parts[0].strip()), Integer.parseInt(parts[1].strip()), 0);
            return n == null ? null : new Parsed(n, true, n.toString());
        }
        return null;
    }

    /** An address given as a number: IPv4 when it fits (unless IPv6 is asked for), else IPv6. */
    private static IpNetwork number(BigInteger n, int prefix, int version) {
        for (int v : version == 6 ? new int[] {6} : new int[] {4, 6}) {
            int bits = v == 4 ? 32 : 128;
            if (n.signum() >= 0 && n.bitLength() <= bits && prefix <= bits) {
                return new IpNetwork(v, n, prefix < 0 ? bits : prefix);
            }
        }
        return null;
    }

    static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static boolean big(IpNetwork v) {
        return v.size().compareTo(BigInteger.TWO) > 0;
    }

    private static IpNetwork single(IpNetwork v) {
        return new IpNetwork(v.version(), v.ip(), v.bits());
    }

    private static String text(IpNetwork v, BigInteger value) {
        return value == null ? null : IpNetwork.text(v.version(), value);
    }

    private static Object addressQuery(IpNetwork v) {
        if (v.isSingle() || !v.ip().equals(v.first()) || v.broadcast() == null || v.version() == 6) {
            return v.address();
        }
        return null;
    }

    /** The index-th address of the network (from its last with a negative index), with the prefix; False outside. */
    private static Object nth(IpNetwork v, String query) {
        if (!PY_INT.matcher(query).matches()) {
            return Boolean.FALSE;
        }
        BigInteger index = new BigInteger(query.strip().replace("+", ""));
        BigInteger at = index.signum() < 0 ? v.last().add(index).add(BigInteger.ONE) : v.first().add(index);
        if (at.compareTo(v.first()) < 0 || at.compareTo(v.last()) > 0) {
            return Boolean.FALSE;
        }
        return IpNetwork.text(v.version(), at) + "/" + v.prefix();
    }

    /** The first and last usable address of a network: all of a /31 (two addresses), else without the ends. */
    static BigInteger[] usableEnds(IpNetwork v) {
        if (v.size().equals(BigInteger.TWO)) {
            return new BigInteger[] {v.first(), v.last()};
        }
        return new BigInteger[] {v.first().add(BigInteger.ONE), v.last().subtract(BigInteger.ONE)};
    }

    private static Object usable(IpNetwork v, boolean network, String which) {
        if (!network) {
            throw new ExpressionFailure("Not a network address");
        }
        if (v.isSingle()) {
            return null;
        }
        BigInteger[] ends = usableEnds(v);
        return switch (which) {
            case "first" -> IpNetwork.text(v.version(), ends[0]);
            case "last" -> IpNetwork.text(v.version(), ends[1]);
            case "range" -> IpNetwork.text(v.version(), ends[0]) + "-" + IpNetwork.text(v.version(), ends[1]);
            default -> {
                BigInteger step = v.ip().add(BigInteger.valueOf(which.equals("next") ? 1 : -1));
                yield step.compareTo(ends[0]) >= 0 && step.compareTo(ends[1]) <= 0 ? IpNetwork.text(v.version(), step) : null;
            }
        };
    }

    private static Object peer(IpNetwork v, boolean network) {
        if (!network) {
            throw new ExpressionFailure("Not a network address");
        }
        int low = v.ip().intValue() & 3;
        if (v.size().equals(BigInteger.TWO)) {
            return IpNetwork.text(v.version(), v.ip().xor(BigInteger.ONE));
        }
        if (v.size().equals(BigInteger.valueOf(4))) {
            if (low == 0) {
                throw new ExpressionFailure("Network address of /30 has no peer");
            }
            if (low == 3) {
                throw new ExpressionFailure("Broadcast address of /30 has no peer");
            }
            return IpNetwork.text(v.version(), v.ip().xor(BigInteger.valueOf(3)));
        }
        throw new ExpressionFailure("Not a point-to-point network");
    }

    /** netaddr's IPNetwork.ipv4(): an IPv4-compatible or -mapped IPv6 address back to IPv4, else False. */
    private static Object toIpv4(IpNetwork v) {
        BigInteger mapped = BigInteger.valueOf(0xffff00000000L);
        BigInteger ip = v.ip();
        if (ip.bitLength() > 48 || v.prefix() < 96) {
            return Boolean.FALSE;
        }
        BigInteger v4 = ip.bitLength() <= 32 ? ip : ip.subtract(mapped);
        if (v4.signum() < 0 || v4.bitLength() > 32) {
            return Boolean.FALSE;
        }
        return new IpNetwork(4, v4, v.prefix() - 96).toString();
    }

    /** The 6to4 prefix of a public or private IPv4 address; an IPv6 value already in 2002::/16 as it is. */
    private static Object sixToFour(IpNetwork v, boolean network, Object value) {
        if (v.version() == 4) {
            if (!v.isSingle() && v.ip().equals(v.first())) {
                return Boolean.FALSE;
            }
            IpNetwork one = single(v);
            if (IpRanges.netaddrPublic(one) || IpRanges.netaddrPrivate(one)) {
                String[] o = v.address().split("\\.");
                return String.format("2002:%02x%02x:%02x%02x::1/48", Integer.parseInt(o[0]), Integer.parseInt(o[1]),
                        Integer.parseInt(o[2]), Integer.parseInt(o[3]));
            }
            return Boolean.FALSE;
        }
        boolean in2002 = single(v).within("2002::/16");
        if (!network) {
            return in2002 ? value : Boolean.FALSE;
        }
        return !v.ip().equals(v.first()) && in2002 ? value : Boolean.FALSE;
    }
}
