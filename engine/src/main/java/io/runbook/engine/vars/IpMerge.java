package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** ansible.utils' cidr_merge: a list of networks merged to the fewest CIDRs, or the one CIDR spanning them all. */
final class IpMerge {
    private IpMerge() {
    }

    static Object cidrMerge(Object value, Arguments args) {
        String action = IpFilters.text(args.get(0, "action", "merge"));
        if (!action.equals("merge") && !action.equals("span")) {
            throw new ExpressionFailure("cidr_merge: invalid action '" + action + "'",
                    Spelling.didYouMean(action, List.of("merge", "span")));
        }
        if (!(value instanceof java.util.Collection<?>) && !(value instanceof CharSequence) && !(value instanceof java.util.Map<?, ?>)) {
            throw new ExpressionFailure("cidr_merge: expected iterable, got " + PyValues.repr(value));
        }
        List<IpNetwork> networks = new ArrayList<>();
        for (Object item : Renderer.iterate(value)) {
            IpNetwork n = item == null ? null : IpNetwork.lenient(ValueText.of(item));
            if (n == null) {
                throw new ExpressionFailure("cidr_merge: error in netaddr:\ninvalid IPNetwork " + ValueText.of(item));
            }
            networks.add(n);
        }
        if (action.equals("span")) {
            return span(networks);
        }
        List<Object> out = new ArrayList<>();
        for (int version : new int[] {4, 6}) {
            merge(networks.stream().filter(n -> n.version() == version).toList(), version, out);
        }
        return out;
    }

    /** The fewest CIDRs that cover the networks (each taken whole): overlapping and touching ranges joined. */
    private static void merge(List<IpNetwork> networks, int version, List<Object> out) {
        List<IpNetwork> sorted = new ArrayList<>(networks);
        sorted.sort(Comparator.comparing(IpNetwork::first));
        BigInteger start = null;
        BigInteger end = null;
        for (IpNetwork n : sorted) {
            if (start != null && n.first().compareTo(end.add(BigInteger.ONE)) <= 0) {
                end = end.max(n.last());
                continue;
            }
            if (start != null) {
                cidrs(version, start, end, out);
            }
            start = n.first();
            end = n.last();
        }
        if (start != null) {
            cidrs(version, start, end, out);
        }
    }

    /** The range first..last as CIDRs, largest aligned blocks first. */
    private static void cidrs(int version, BigInteger first, BigInteger last, List<Object> out) {
        int bits = version == 4 ? 32 : 128;
        while (first.compareTo(last) <= 0) {
            int host = first.signum() == 0 ? bits : first.getLowestSetBit();
            while (host > 0 && first.add(BigInteger.ONE.shiftLeft(host)).subtract(BigInteger.ONE).compareTo(last) > 0) {
                host--;
            }
            out.add(new IpNetwork(version, first, bits - host).toString());
            Jinja.limit(out.size());
            first = first.add(BigInteger.ONE.shiftLeft(host));
        }
    }

    /** netaddr's spanning_cidr: from the highest network's prefix down until it covers the lowest's first address. */
    private static Object span(List<IpNetwork> networks) {
        if (networks.isEmpty()) {
            return null;
        }
        if (networks.size() == 1) {
            return networks.get(0).toString();
        }
        List<IpNetwork> sorted = new ArrayList<>(networks);
        sorted.sort(Comparator.comparingInt(IpNetwork::version).thenComparing(IpNetwork::first).thenComparing(IpNetwork::last));
        IpNetwork low = sorted.get(0);
        IpNetwork high = sorted.get(sorted.size() - 1);
        if (low.version() != high.version()) {
            throw new ExpressionFailure("cidr_merge: error in netaddr:\nIP sequence cannot contain both IPv4 and IPv6!");
        }
        BigInteger ip = high.last();
        int prefix = high.prefix();
        while (prefix > 0 && ip.compareTo(low.first()) > 0) {
            prefix--;
            ip = ip.and(BigInteger.ONE.shiftLeft(high.bits() - prefix).negate());
        }
        return new IpNetwork(low.version(), ip, prefix).toString();
    }
}
