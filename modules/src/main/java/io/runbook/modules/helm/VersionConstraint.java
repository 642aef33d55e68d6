package io.runbook.modules.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart version constraint as Helm reads {@code --version} (Masterminds semver v3, which Helm 3.21 uses):
 * {@code 1.2.3}, {@code =}, {@code !=}, {@code >}, {@code <}, {@code >=}, {@code <=}, {@code ~}, {@code ~>}, {@code ^},
 * wildcards ({@code 1.2.x}, {@code *}), hyphen ranges ({@code 1.2 - 1.4.5}), {@code ,} or space for "and", {@code ||}
 * for "or". A pre-release version matches only a part of the constraint that names a pre-release itself
 * ({@code >0.0.0-0} is how {@code --devel} takes them all).
 */
final class VersionConstraint {
    private static final String OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
    private static final String CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
            + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
    private static final Pattern ONE = Pattern.compile("^\\s*(" + OPS + ")\\s*(" + CV + ")\\s*$");
    private static final Pattern RANGE = Pattern.compile("\\s*(" + CV + ")\\s+-\\s+(" + CV + ")\\s*");
    private static final Pattern FIND = Pattern.compile("(" + OPS + ")\\s*(" + CV + ")");
    private static final Pattern VALID = Pattern.compile("^(\\s*(" + OPS + ")\\s*(" + CV + ")\\s*)((?:\\s+|,\\s*)(" + OPS + ")\\s*(" + CV + ")\\s*)*$");

    private record Part(String op, ChartVersion version, String written, boolean dirty, boolean minorDirty, boolean patchDirty) {
    }

    private final List<List<Part>> alternatives;
    private final List<Boolean> withPrereleases;

    private VersionConstraint(List<List<Part>> alternatives, List<Boolean> withPrereleases) {
        this.alternatives = alternatives;
        this.withPrereleases = withPrereleases;
    }

    /** Reads {@code text}; an {@link IllegalArgumentException} with Masterminds' words when it is no constraint. */
    static VersionConstraint parse(String text) {
        List<List<Part>> alternatives = new ArrayList<>();
        List<Boolean> withPrereleases = new ArrayList<>();
        for (String alternative : rewriteRanges(text).split("\\|\\|", -1)) {
            if (!VALID.matcher(alternative).matches()) {
                throw new IllegalArgumentException("improper constraint: " + alternative);
            }
            List<Part> parts = new ArrayList<>();
            Matcher m = FIND.matcher(alternative);
            while (m.find()) {
                parts.add(part(m.group()));
            }
            alternatives.add(parts);
            withPrereleases.add(parts.stream().anyMatch(p -> p.version().isPrerelease()));
        }
        return new VersionConstraint(alternatives, withPrereleases);
    }

    boolean matches(ChartVersion v) {
        for (int i = 0; i < alternatives.size(); i++) {
            boolean pre = withPrereleases.get(i);
            if (alternatives.get(i).stream().allMatch(p -> check(p, v, pre))) {
                return true;
            }
        }
        return false;
    }

    private static String rewriteRanges(String text) {
        Matcher m = RANGE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(">= " + m.group(1) + ", <= " + m.group(11) + " "));
        }
        return m.appendTail(out).toString();
    }

    private static Part part(String text) {
        Matcher m = ONE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("improper constraint: " + text);
        }
        String pre = m.group(6) == null ? "" : m.group(6);
        String minor = m.group(4) == null ? "" : m.group(4).substring(1);
        String patch = m.group(5) == null ? "" : m.group(5).substring(1);
        String version = m.group(2);
        boolean dirty = true;
        boolean minorDirty = false;
        boolean patchDirty = false;
        if (isX(m.group(3))) {
            version = "0.0.0" + pre;
        } else if (isX(minor) || minor.isEmpty()) {
            minorDirty = true;
            version = m.group(3) + ".0.0" + pre;
        } else if (isX(patch) || patch.isEmpty()) {
            patchDirty = true;
            version = m.group(3) + m.group(4) + ".0" + pre;
        } else {
            dirty = false;
        }
        ChartVersion v = ChartVersion.parse(version);
        if (v == null) {
            throw new IllegalArgumentException("constraint parser error");
        }
        return new Part(m.group(1), v, m.group(2), dirty, minorDirty, patchDirty);
    }

    private static boolean isX(String s) {
        return "x".equals(s) || "X".equals(s) || "*".equals(s);
    }

    private static boolean check(Part c, ChartVersion v, boolean includePre) {
        if (v.isPrerelease() && !includePre) {
            return false;
        }
        return switch (c.op()) {
            case "", "=" -> c.dirty() ? tilde(c, v) : v.compareTo(c.version()) == 0;
            case "!=" -> notEqual(c, v);
            case ">" -> greater(c, v);
            case "<" -> v.compareTo(c.version()) < 0;
            case ">=", "=>" -> v.compareTo(c.version()) >= 0;
            case "<=", "=<" -> lessOrEqual(c, v);
            case "~", "~>" -> tilde(c, v);
            case "^" -> caret(c, v);
            default -> false;
        };
    }

    private static boolean notEqual(Part c, ChartVersion v) {
        ChartVersion con = c.version();
        if (c.dirty()) {
            if (con.major() != v.major()) {
                return true;
            }
            if (con.minor() != v.minor() && !c.minorDirty()) {
                return true;
            }
            if (c.minorDirty()) {
                return false;
            }
            if (con.patch() != v.patch() && !c.patchDirty()) {
                return true;
            }
            if (c.patchDirty()) {
                return (v.isPrerelease() || con.isPrerelease()) && !v.prerelease().equals(con.prerelease());
            }
        }
        return v.compareTo(con) != 0;
    }

    private static boolean greater(Part c, ChartVersion v) {
        ChartVersion con = c.version();
        if (!c.dirty() || v.major() == con.major() && !c.minorDirty() && !c.patchDirty()) {
            return v.compareTo(con) > 0;
        }
        if (v.major() != con.major()) {
            return v.major() > con.major();
        }
        return !c.minorDirty() && v.minor() > con.minor();
    }

    private static boolean lessOrEqual(Part c, ChartVersion v) {
        ChartVersion con = c.version();
        if (!c.dirty()) {
            return v.compareTo(con) <= 0;
        }
        return v.major() < con.major() || v.major() == con.major() && (v.minor() <= con.minor() || c.minorDirty());
    }

    private static boolean tilde(Part c, ChartVersion v) {
        ChartVersion con = c.version();
        if (v.compareTo(con) < 0) {
            return false;
        }
        if (con.major() == 0 && con.minor() == 0 && con.patch() == 0 && !c.minorDirty() && !c.patchDirty()) {
            return true;
        }
        return v.major() == con.major() && (v.minor() == con.minor() || c.minorDirty());
    }

    private static boolean caret(Part c, ChartVersion v) {
        ChartVersion con = c.version();
        if (v.compareTo(con) < 0) {
            return false;
        }
        if (con.major() > 0 || c.minorDirty()) {
            return v.major() == con.major();
        }
        if (v.major() > 0) {
            return false;
        }
        if (con.minor() > 0 || c.patchDirty()) {
            return v.minor() == con.minor();
        }
        return v.minor() <= 0 && con.patch() == v.patch();
    }
}
