package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * ansible.utils' hardware address filters: {@code hwaddr} and {@code macaddr} (an address checked, or written in a
 * dialect the query word names) and {@code slaac} (the SLAAC address of a MAC in an IPv6 network). ansible-core 2.14
 * routes {@code hwaddr} and {@code slaac} from their short name too, {@code macaddr} only as ansible.netcommon's.
 */
final class MacFilters {
    private static final Map<String, Function<MacAddress, Object>> QUERIES = new TreeMap<>();

    static {
        QUERIES.put("bare", m -> m.format(48, "%012X", ""));
        QUERIES.put("bool", m -> Boolean.TRUE);
        QUERIES.put("int", m -> PyNumbers.integer(m.value()));
        QUERIES.put("cisco", m -> m.format(16, "%04x", "."));
        for (String word : List.of("eui48", "win")) {
            QUERIES.put(word, m -> m.format(8, "%02X", "-"));
        }
        QUERIES.put("linux", m -> m.format(8, "%02x", ":"));
        for (String word : List.of("pgsql", "postgresql", "psql")) {
            QUERIES.put(word, m -> m.format(24, "%06x", ":"));
        }
        QUERIES.put("unix", m -> m.format(8, "%x", ":"));
    }

    private MacFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        // as the collection's, extra positional arguments are dropped
        IpFilters.add(r, "hwaddr", -1, List.of("query", "alias"), (v, a) -> hwaddr(v, a.get(0, "query", ""),
                IpFilters.text(a.get(1, "alias", "hwaddr"))));
        IpFilters.add(r, "slaac", -1, List.of("query"), MacFilters::slaac);
        Filter macaddr = (v, a) -> hwaddr(v, a.get(0, "query", ""), "macaddr");
        IpFilters.add(r, "macaddr", -1, List.of("query"), macaddr);
        r.add("ansible.netcommon.macaddr", -1, List.of("query"), macaddr);
    }

    /**
     * hwaddr(value, query, alias): the value (read as text) when it is a MAC address, else None; with a query word
     * its answer, which fails for a value that is none (but 'bool', which gives None).
     */
    static Object hwaddr(Object value, Object query, String alias) {
        String text = IpFilters.text(value);
        MacAddress mac = MacAddress.parse(text);
        String word = query == null ? null : IpFilters.text(query);
        if (mac == null && word != null && !word.isEmpty() && !word.equals("bool")) {
            throw new ExpressionFailure(alias + ": not a hardware address: " + text);
        }
        if ("".equals(word)) {
            return mac == null ? null : text;
        }
        if (word == null) {
            throw new ExpressionFailure(alias + ": unknown filter type: None");
        }
        Function<MacAddress, Object> answer = QUERIES.get(word);
        if (answer == null) {
            throw new ExpressionFailure(alias + ": unknown filter type: " + word, Spelling.didYouMean(word, QUERIES.keySet()));
        }
        return mac == null ? null : answer.apply(mac);
    }

    /** slaac(mac): the address a host with that MAC takes in the IPv6 network; False for any other value. */
    private static Object slaac(Object value, Arguments args) {
        Object given = value == null ? null : IpFilters.text(value);
        Object type = IpQuery.ipaddr(given, "type", 0, "ipaddr");
        Object written = "address".equals(type) ? IpQuery.ipaddr(given, "cidr", 0, "ipaddr")
                : "network".equals(type) ? IpQuery.ipaddr(given, "subnet", 0, "ipaddr") : null;
        Object version = IpQuery.ipaddr(given, "version", 0, "ipaddr");
        if (!Integer.valueOf(6).equals(version) || written == null) {
            return Boolean.FALSE;
        }
        String query = IpFilters.text(args.get(0, "query", null));
        if (query.isEmpty()) {
            return Boolean.FALSE;
        }
        Object mac = hwaddr(query, "", "slaac");
        MacAddress eui = mac == null ? null : MacAddress.parse((String) mac);
        if (eui == null) {
            return Boolean.FALSE;
        }
        BigInteger address = IpNetwork.lenient((String) written).first().add(eui.modifiedEui64());
        if (address.bitLength() > 128) {
            throw new ExpressionFailure("bad address format: " + address);
        }
        return IpNetwork.text(6, address);
    }
}
