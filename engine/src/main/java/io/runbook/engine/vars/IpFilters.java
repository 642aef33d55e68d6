package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * ansible.utils' IP filters (ipaddr and its family), by their collection names ({@code ansible.utils.ipaddr}); the
 * ones ansible-core 2.14 still routes from their short name to ansible.netcommon (and on to ansible.utils) by that
 * name and by {@code ansible.netcommon.x} too. Each reads values as python-netaddr does; see {@link IpQuery}.
 */
final class IpFilters {
    /** The filters ansible-core's runtime routes from the short name (through ansible.netcommon). */
    private static final Set<String> ROUTED = Set.of("cidr_merge", "ipaddr", "ipmath", "ipwrap", "ipv4",
            "ipv6", "ipsubnet", "next_nth_usable", "network_in_network", "network_in_usable", "reduce_on_network",
            "nthhost", "previous_nth_usable", "hwaddr", "slaac");

    private IpFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        add(r, "ipaddr", 3, List.of("query", "version", "alias"), IpFilters::ipaddr);
        add(r, "ipv4", 1, List.of("query"), version(4, "ipv4"));
        add(r, "ipv6", 1, List.of("query"), version(6, "ipv6"));
        add(r, "ipwrap", 1, List.of("query"), IpFilters::ipwrap);
        add(r, "ipmath", 1, List.of("amount"), IpFilters::ipmath);
        add(r, "ipsubnet", 2, List.of("query", "index"), IpSubnets::ipsubnet);
        add(r, "nthhost", 1, List.of("query"), IpSubnets::nthhost);
        add(r, "next_nth_usable", 1, List.of("offset"), IpSubnets.nthUsable(1));
        add(r, "previous_nth_usable", 1, List.of("offset"), IpSubnets.nthUsable(-1));
        add(r, "network_in_usable", 1, List.of("test"), IpSubnets.inRange(true));
        add(r, "network_in_network", 1, List.of("test"), IpSubnets.inRange(false));
        add(r, "reduce_on_network", 1, List.of("network"), IpSubnets::reduceOnNetwork);
        add(r, "cidr_merge", 1, List.of("action"), IpMerge::cidrMerge);
        add(r, "usable_range", 0, List.of(), IpSubnets::usableRange);
        add(r, "ip4_hex", 1, List.of("delimiter"), IpFilters::ip4Hex);
        MacFilters.register(r);
    }

    /** Registers an ansible.utils filter by its collection name, and by those ansible-core routes to it (ROUTED). */
    static void add(CollectionFilters.Registry r, String name, int max, List<String> keywords, Filter filter) {
        r.add("ansible.utils." + name, max, keywords, filter);
        if (ROUTED.contains(name)) {
            r.add(name, max, keywords, filter);
            r.add("ansible.netcommon." + name, max, keywords, filter);
        }
    }

    /** A filter argument as the text ansible.utils' argument spec (type str) makes of it. */
    static String text(Object arg) {
        return arg == null ? "" : ValueText.of(arg);
    }

    /** An integer argument (type int): a number, or text of one; else the argument spec's message. */
    static long integer(Object arg, String name) {
        if (PyNumbers.isInt(arg)) {
            return PyNumbers.big(arg).longValue();
        }
        if (arg instanceof CharSequence s && s.toString().strip().matches("[+-]?\\d+")) {
            return Long.parseLong(s.toString().strip());
        }
        throw new ExpressionFailure("argument '" + name + "' is of type <class '" + PyValues.typeName(arg)
                + "'> and we were unable to convert to int: <class '" + PyValues.typeName(arg)
                + "'> cannot be converted to an int");
    }

    /** ipaddr, ipv4 and ipv6 take text, a number or a list; anything else is refused as ansible.utils does. */
    private static void checkType(Object value, String filter, boolean numbers) {
        boolean ok = value instanceof CharSequence || value instanceof Collection<?>
                || (numbers ? PyNumbers.isInt(value) : value instanceof Boolean);
        if (!ok) {
            throw new ExpressionFailure("Unrecognized type <<class '" + PyValues.typeName(value) + "'>> for " + filter
                    + " filter <value>");
        }
    }

    private static Object ipaddr(Object value, Arguments args) {
        checkType(value, "ipaddr", true);
        Object version = args.get(1, "version", false);
        int v = version == null || Boolean.FALSE.equals(version) ? 0 : (int) integer(version, "version");
        return IpQuery.ipaddr(value, text(args.get(0, "query", "")), v, text(args.get(2, "alias", "ipaddr")));
    }

    private static Filter version(int version, String name) {
        return (value, args) -> {
            checkType(value, name, true);
            return IpQuery.ipaddr(value, text(args.get(0, "query", "")), version, name);
        };
    }

    /** ipwrap: IPv6 addresses (of the values the query keeps) in brackets; other values as they are. */
    private static Object ipwrap(Object value, Arguments args) {
        checkType(value, "ipwrap", false);
        String query = text(args.get(0, "query", ""));
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(wrapped(item, query, item));
            }
            return out;
        }
        Object kept = quietly(value, query);
        return PyValues.truthy(kept) ? wrapped(kept, "", value) : value;
    }

    private static Object wrapped(Object item, String query, Object otherwise) {
        if (!PyValues.truthy(quietly(item, query))) {
            return otherwise;
        }
        Object wrapped = quietly(item, "wrap");
        return wrapped == null ? otherwise : wrapped;
    }

    private static Object quietly(Object value, String query) {
        try {
            return IpQuery.ipaddr(value, query, 0, "ipwrap");
        } catch (ExpressionFailure e) {
            return null;
        }
    }

    /** ipmath: the address (of an address or network) plus an amount. */
    private static Object ipmath(Object value, Arguments args) {
        long amount = integer(args.get(0, "amount", null), "amount");
        String text = ValueText.of(value);
        IpNetwork ip = IpNetwork.lenient(text);
        if (ip == null || !text.contains("/") && text.split("\\.", -1).length != 4 && ip.version() == 4) {
            throw new ExpressionFailure("You must pass a valid IP address; " + text + " is invalid");
        }
        BigInteger result = ip.ip().add(BigInteger.valueOf(amount));
        if (result.signum() < 0 || result.compareTo(ip.max()) > 0) {
            throw new ExpressionFailure("ipmath: result outside valid IP address boundary!");
        }
        return IpNetwork.text(ip.version(), result);
    }

    /** ip4_hex: an IPv4 address as hexadecimal octets, with a delimiter between them. */
    private static Object ip4Hex(Object value, Arguments args) {
        String delimiter = text(args.get(0, "delimiter", ""));
        String[] parts = ValueText.of(value).split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].strip().matches("[+-]?\\d+")) {
                throw new ExpressionFailure("ip4_hex: invalid literal for int() with base 10: '" + parts[i] + "'");
            }
            out.append(i > 0 ? delimiter : "").append(String.format("%02x", Integer.parseInt(parts[i].strip())));
        }
        if (parts.length != 4) {
            throw new ExpressionFailure("ip4_hex: expected an IPv4 address of four octets, got '" + ValueText.of(value) + "'");
        }
        return out.toString();
    }
}
