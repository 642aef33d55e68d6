package io.runbook.modules.helm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart's version as Helm reads it (Masterminds semver v3's {@code NewVersion}): {@code v} allowed, minor and patch
 * may be left out, a pre-release after {@code -} and build metadata after {@code +} (which never counts in a comparison).
 */
record ChartVersion(long major, long minor, long patch, String prerelease, String text) implements Comparable<ChartVersion> {
    private static final Pattern SEMVER = Pattern.compile("v?(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?(?:\\.(0|[1-9]\\d*))?"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    /** The version {@code text} stands for, or null when it is not one (Helm then skips the index entry). */
    static ChartVersion parse(String text) {
        Matcher m = text == null ? null : SEMVER.matcher(text);
        if (m == null || !m.matches()) {
            return null;
        }
        try {
            return new ChartVersion(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
                    m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4) == null ? "" : m.group(4), text);
        } catch (NumberFormatException e) {
            return null;  // a number beyond 64 bits, which Go's parser refuses too
        }
    }

    boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(ChartVersion o) {
        int d = Long.compare(major, o.major);
        d = d != 0 ? d : Long.compare(minor, o.minor);
        d = d != 0 ? d : Long.compare(patch, o.patch);
        if (d != 0 || prerelease.equals(o.prerelease)) {
            return d;
        }
        if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
            return prerelease.isEmpty() ? 1 : -1;
        }
        return comparePrerelease(prerelease, o.prerelease);
    }

    /** Dot-separated parts in turn: numbers by value and before words, words by their text, a missing part first. */
    private static int comparePrerelease(String a, String b) {
        String[] as = a.split("\\.", -1);
        String[] bs = b.split("\\.", -1);
        for (int i = 0; i < Math.max(as.length, bs.length); i++) {
            String x = i < as.length ? as[i] : "";
            String y = i < bs.length ? bs[i] : "";
            if (x.equals(y)) {
                continue;
            }
            if (x.isEmpty() || y.isEmpty()) {
                return x.isEmpty() ? -1 : 1;
            }
            boolean xn = x.chars().allMatch(Character::isDigit);
            boolean yn = y.chars().allMatch(Character::isDigit);
            if (xn && yn) {
                return new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
            }
            if (xn != yn) {
                return xn ? -1 : 1;
            }
            return x.compareTo(y) > 0 ? 1 : -1;
        }
        return 0;
    }
}
