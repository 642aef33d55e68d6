package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ansible.utils' filters over the addresses of a network: ipsubnet, nthhost, next/previous_nth_usable,
 * network_in_usable, network_in_network, reduce_on_network and usable_range.
 */
final class IpSubnets {
    private IpSubnets() {
    }

    /** The value read as netaddr does, as written (address/prefix), null when it is no address or network. */
    private static IpNetwork read(Object value) {
        Object type = IpQuery.ipaddr(value, "type", 0, "ipaddr");
        return type instanceof String ? IpNetwork.lenient(ValueText.of(IpQuery.ipaddr(value, "cidr", 0, "ipaddr"))) : null;
    }

    /** ipsubnet(query, index): subnets of a network, supernets of an address, or a subnet's position in another. */
    static Object ipsubnet(Object value, Arguments args) {
        IpNetwork given = read(value);
        if (given == null) {
            return Boolean.FALSE;
        }
        IpNetwork v = given.cidr();
        boolean address = v.isSingle();
        String query = IpFilters.text(args.get(0, "query", ""));
        if (query.isEmpty()) {
            return v.toString();
        }
        int bits = v.bits();
        if (!IpQuery.isDigits(query)) {
            return position(v, query);
        }
        int size = Integer.parseInt(query.length() > 4 ? "999" : query);
        if (size > bits) {
            return Boolean.FALSE;
        }
        Object index = args.get(1, "index", null);
        if (index == null) {
            if (address) {
                return supernet(v, size, 0);
            }
            if (size < v.prefix()) {
                throw new ExpressionFailure("Requested subnet size of " + size + " is invalid");
            }
            return BigInteger.ONE.shiftLeft(size - v.prefix()).toString();
        }
        long i = IpFilters.integer(index, "index");
        if (address) {
            return i > bits + 1 - i || i < size - bits ? Boolean.FALSE : supernet(v, size, i);
        }
        if (size < v.prefix()) {
            return Boolean.FALSE;
        }
        BigInteger subnets = BigInteger.ONE.shiftLeft(size - v.prefix());
        BigInteger at = BigInteger.valueOf(i).signum() < 0 ? subnets.add(BigInteger.valueOf(i)) : BigInteger.valueOf(i);
        if (at.signum() < 0 || at.compareTo(subnets) >= 0) {
            return Boolean.FALSE;
        }
        return new IpNetwork(v.version(), v.first().add(at.shiftLeft(bits - size)), size).toString();
    }

    /** netaddr's supernet(size)[index] of an address: its networks of prefix size, size + 1 ... up to bits - 1. */
    private static String supernet(IpNetwork v, int size, long index) {
        int count = v.bits() - size;
        long at = index < 0 ? count + index : index;
        if (at < 0 || at >= count) {
            throw new ExpressionFailure("ipsubnet: list index out of range");
        }
        return new IpNetwork(v.version(), v.ip(), size + (int) at).cidr().toString();
    }

    /** The 1-based position of the value among the subnets of its size in the query's network. */
    private static Object position(IpNetwork v, String query) {
        IpNetwork outer = read(query);
        if (outer == null) {
            throw new ExpressionFailure("You must pass a valid subnet or IP address; " + query + " is invalid");
        }
        int bits = v.bits();
        if (outer.version() == v.version() && outer.prefix() <= v.prefix()
                && v.ip().shiftRight(bits - outer.prefix()).equals(outer.ip().shiftRight(bits - outer.prefix()))) {
            BigInteger inside = v.ip().shiftRight(bits - v.prefix())
                    .and(BigInteger.ONE.shiftLeft(v.prefix() - outer.prefix()).subtract(BigInteger.ONE));
            return inside.add(BigInteger.ONE).toString();
        }
        throw new ExpressionFailure(v.cidr() + " is not in the subnet " + outer.cidr());
    }

    /** nthhost(n): the n-th address of the value's network (from the end when negative), False outside it. */
    static Object nthhost(Object value, Arguments args) {
        IpNetwork given = read(value);
        String query = IpFilters.text(args.get(0, "query", ""));
        if (given == null || query.isEmpty() || !query.strip().matches("[+-]?\\d+")) {
            return Boolean.FALSE;
        }
        IpNetwork v = given.cidr();
        BigInteger n = new BigInteger(query.strip().replace("+", ""));
        if (v.size().compareTo(n) <= 0) {
            return Boolean.FALSE;
        }
        BigInteger at = n.signum() < 0 ? v.last().add(n).add(BigInteger.ONE) : v.first().add(n);
        if (at.compareTo(v.first()) < 0) {
            throw new ExpressionFailure("nthhost: index out of range for address range size!");
        }
        return IpNetwork.text(v.version(), at);
    }

    /** next_nth_usable / previous_nth_usable: the address offset steps on, when it is usable in the network. */
    static Filter nthUsable(int direction) {
        return (value, args) -> {
            IpNetwork v = read(value);
            if (v == null) {
                return Boolean.FALSE;
            }
            Object offset = args.get(0, "offset", null);
            if (!PyNumbers.isInt(offset) && !(offset instanceof CharSequence)) {
                throw new ExpressionFailure("Must pass in an integer");
            }
            long steps = IpFilters.integer(offset, "offset");
            if (v.isSingle()) {
                return null;
            }
            BigInteger[] ends = IpQuery.usableEnds(v);
            BigInteger at = v.ip().add(BigInteger.valueOf(direction * steps));
            return at.compareTo(ends[0]) >= 0 && at.compareTo(ends[1]) <= 0 ? IpNetwork.text(v.version(), at) : null;
        };
    }

    /**
     * The first and last address a value read by {@link #read} covers as these filters count them (netaddr's quirks
     * kept); null for no address, which the collection goes on with as False (and so warns about False).
     */
    private static BigInteger[] span(IpNetwork read, boolean usable) {
        if (read == null) {
            IpQuery.ipaddr(Boolean.FALSE, "", 0, "ipaddr");
            return null;
        }
        IpNetwork v = read.cidr();
        if (v.isSingle()) {
            return new BigInteger[] {v.ip(), v.ip()};
        }
        if (usable) {
            return IpQuery.usableEnds(v);
        }
        // ipaddr's 'broadcast' answers for more than two addresses only, its 'address' of a /31 or /127 is the first
        return new BigInteger[] {v.first(), v.size().compareTo(BigInteger.TWO) > 0 ? v.last() : v.first()};
    }

    private static boolean inside(BigInteger[] inner, BigInteger[] outer) {
        return outer != null && inner != null && inner[0].compareTo(outer[0]) >= 0 && inner[0].compareTo(outer[1]) <= 0
                && inner[1].compareTo(outer[0]) >= 0 && inner[1].compareTo(outer[1]) <= 0;
    }

    /** network_in_usable / network_in_network: whether all of the test address or network is in the value's. */
    static Filter inRange(boolean usable) {
        return (value, args) -> {
            IpNetwork v = read(value);
            IpNetwork test = read(args.get(0, "test", null));
            BigInteger[] outer = span(v, usable);
            return inside(span(test, false), outer);
        };
    }

    /** reduce_on_network(network): the addresses of the list that are in the network. */
    static Object reduceOnNetwork(Object value, Arguments args) {
        BigInteger[] network = span(read(args.get(0, "network", null)), false);
        List<Object> out = new ArrayList<>();
        for (Object address : Renderer.iterate(value)) {
            if (inside(span(read(address), false), network)) {
                out.add(address);
            }
        }
        return out;
    }

    /** usable_range: every address of the network (Python's ipaddress reads it, strictly) and how many. */
    static Object usableRange(Object value, Arguments args) {
        String text = ValueText.of(value);
        IpNetwork v = IpNetwork.network(text);
        if (v == null) {
            throw new ExpressionFailure("Error while using plugin 'usable_range': " + IpNetwork.networkError(text));
        }
        Jinja.limit(v.size().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue() * 8);
        List<Object> ips = new ArrayList<>();
        for (BigInteger ip = v.first(); ip.compareTo(v.last()) <= 0; ip = ip.add(BigInteger.ONE)) {
            ips.add(v.version() == 4 ? IpNetwork.text(4, ip) : IpNetwork.ipv6Text(ip, false));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("usable_ips", ips);
        out.put("number_of_ips", PyNumbers.integer(v.size()));
        return out;
    }
}
