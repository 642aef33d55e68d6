package io.runbook.modules.packages;

import java.util.Comparator;

/**
 * Debian's version order ({@code dpkg --compare-versions}, python-apt's {@code version_compare}): epoch, then the
 * upstream version, then the revision, each compared as dpkg compares them (non-digits with {@code ~} before
 * everything and letters before other characters, then digit runs as numbers).
 */
final class DebianVersion {
    static final Comparator<String> ORDER = DebianVersion::compare;

    private DebianVersion() {
    }

    static int compare(String a, String b) {
        long epochA = epoch(a);
        long epochB = epoch(b);
        if (epochA != epochB) {
            return Long.compare(epochA, epochB);
        }
        String restA = withoutEpoch(a);
        String restB = withoutEpoch(b);
        int dashA = restA.lastIndexOf('-');
        int dashB = restB.lastIndexOf('-');
        int upstream = compareParts(dashA < 0 ? restA : restA.substring(0, dashA), dashB < 0 ? restB : restB.substring(0, dashB));
        if (upstream != 0) {
            return upstream;
        }
        return compareParts(dashA < 0 ? "" : restA.substring(dashA + 1), dashB < 0 ? "" : restB.substring(dashB + 1));
    }

    private static long epoch(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0) {
            return 0;
        }
        try {
            return Long.parseLong(v.substring(0, colon));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String withoutEpoch(String v) {
        int colon = v.indexOf(':');
        return colon < 0 ? v : v.substring(colon + 1);
    }

    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while (i < a.length() && !Character.isDigit(a.charAt(i)) || j < b.length() && !Character.isDigit(b.charAt(j))) {
                int ac = i < a.length() && !Character.isDigit(a.charAt(i)) ? order(a.charAt(i)) : 0;
                int bc = j < b.length() && !Character.isDigit(b.charAt(j)) ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    /** dpkg's weight of a non-digit: {@code ~} below the end of the part, letters below other characters. */
    private static int order(char c) {
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }
}
