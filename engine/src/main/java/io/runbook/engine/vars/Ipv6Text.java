package io.runbook.engine.vars;

import java.math.BigInteger;

/** IPv6 addresses written as text the way Ansible's Python libraries write them (ipaddr filters, the dig lookup). */
public final class Ipv6Text {
    private Ipv6Text() {
    }

    /**
     * The text of an IPv6 address (128 bits): the longest run of two or more zero groups as {@code ::}; with
     * {@code dottedTail}, an address of six zero groups ({@code ::1.2.3.4}) or five and {@code ffff}
     * ({@code ::ffff:1.2.3.4}) ends in dotted IPv4, as glibc's inet_ntop, netaddr and dnspython write it.
     */
    public static String of(BigInteger value, boolean dottedTail) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = value.shiftRight(112 - 16 * i).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        boolean ipv4Tail = dottedTail && bestStart == 0 && (bestLength == 6 || bestLength == 5 && words[5] == 0xffff);
        StringBuilder out = new StringBuilder();
        int end = ipv4Tail ? 6 : 8;
        for (int i = 0; i < end; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (ipv4Tail) {
            out.append(out.charAt(out.length() - 1) == ':' ? "" : ":").append(IpNetwork.dotted(value.longValue() & 0xffffffffL));
        }
        return out.toString();
    }
}
