package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code version} test: {@code x is version('1.28', '>=')}, with {@code strict=true} or
 * {@code version_type} loose (default), strict, semver/semantic or pep440 (Python packaging's {@code Version}), as
 * ansible-core compares them.
 */
final class Versions {
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("==", "eq"), Map.entry("=", "eq"),
            Map.entry("eq", "eq"), Map.entry("<", "lt"), Map.entry("lt", "lt"), Map.entry("<=", "le"),
            Map.entry("le", "le"), Map.entry(">", "gt"), Map.entry("gt", "gt"), Map.entry(">=", "ge"),
            Map.entry("ge", "ge"), Map.entry("!=", "ne"), Map.entry("<>", "ne"), Map.entry("ne", "ne"));
    private static final Pattern LOOSE = Pattern.compile("(\\d+|[a-z]+|\\.)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRICT = Pattern.compile("^(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?$");
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private Versions() {
    }

    static boolean test(Object value, Arguments args) {
        Object version = args.get(0, "version", null);
        String op = ValueText.of(args.get(1, "operator", "eq"));
        Object strict = args.get(2, "strict", null);
        Object type = args.get(3, "version_type", null);
        if (strict != null && type != null) {
            throw new ExpressionFailure("Cannot specify both 'strict' and 'version_type'");
        }
        if (value == null || ValueText.of(value).isEmpty()) {
            throw new ExpressionFailure("Input version value cannot be empty");
        }
        if (version == null || ValueText.of(version).isEmpty()) {
            throw new ExpressionFailure("Version parameter to compare against cannot be empty");
        }
        String canonical = OPERATORS.get(op);
        if (canonical == null) {
            throw new ExpressionFailure("Invalid operator type (" + op + ")", "use one of < <= > >= == != (or lt le gt ge eq ne)");
        }
        String kind = PyValues.truthy(strict) ? "strict" : type == null ? "loose" : ValueText.of(type);
        int c = switch (kind) {
            case "loose" -> compareLists(loose(ValueText.of(value)), loose(ValueText.of(version)));
            case "strict" -> compareLists(strict(ValueText.of(value)), strict(ValueText.of(version)));
            case "semver", "semantic" -> semver(ValueText.of(value), ValueText.of(version));
            case "pep440" -> Pep440.of(ValueText.of(value)).compareTo(Pep440.of(ValueText.of(version)));
            default -> throw new ExpressionFailure("Invalid version type (" + kind + "). Must be one of 'loose', 'strict', "
                    + "'semver', 'semantic', 'pep440'");
        };
        return switch (canonical) {
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "eq" -> c == 0;
            default -> c != 0;
        };
    }

    /** LooseVersion's parts: numbers as numbers, letters as text, dots dropped. */
    private static List<Object> loose(String v) {
        List<Object> parts = new ArrayList<>();
        Matcher m = LOOSE.matcher(v);
        while (m.find()) {
            String part = m.group();
            if (!part.equals(".")) {
                parts.add(part.matches("\\d+") ? (Object) new BigInteger(part) : part);
            }
        }
        return parts;
    }

    private static List<Object> strict(String v) {
        Matcher m = STRICT.matcher(v);
        if (!m.matches()) {
            throw new ExpressionFailure("Version comparison failed: invalid version number '" + v + "'");
        }
        List<Object> parts = new ArrayList<>(List.of(new BigInteger(m.group(1)), new BigInteger(m.group(2)),
                new BigInteger(m.group(4) == null ? "0" : m.group(4))));
        parts.add(m.group(5) == null ? "~" : m.group(5).charAt(0) + String.format("%09d", Long.parseLong(m.group(6))));
        return parts;
    }

    private static int compareLists(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x.getClass() != y.getClass()) {
                throw new ExpressionFailure("Version comparison failed: '<' not supported between instances of '"
                        + (x instanceof String ? "str" : "int") + "' and '" + (y instanceof String ? "str" : "int") + "'");
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            int c = ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Semantic versioning 2.0.0: a pre-release sorts before its release; build metadata does not count. */
    private static int semver(String a, String b) {
        Matcher x = semverOf(a);
        Matcher y = semverOf(b);
        for (int g = 1; g <= 3; g++) {
            int c = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
            if (c != 0) {
                return c;
            }
        }
        String p = x.group(4);
        String q = y.group(4);
        if (p == null || q == null) {
            return p == null ? (q == null ? 0 : 1) : -1;
        }
        String[] ps = p.split("\\.");
        String[] qs = q.split("\\.");
        for (int i = 0; i < Math.min(ps.length, qs.length); i++) {
            boolean pn = ps[i].matches("\\d+");
            boolean qn = qs[i].matches("\\d+");
            int c = pn && qn ? new BigInteger(ps[i]).compareTo(new BigInteger(qs[i])) : pn ? -1 : qn ? 1 : ps[i].compareTo(qs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ps.length, qs.length);
    }

    private static Matcher semverOf(String v) {
        Matcher m = SEMVER.matcher(v);
        if (!m.matches()) {
            throw new ExpressionFailure("Version comparison failed: invalid semantic version '" + v + "'");
        }
        return m;
    }

    /**
     * A version as Python packaging's {@code Version} reads it (PEP 440): epoch, release (trailing zeros do not count),
     * pre-release (a, b, rc and their other spellings), post and dev releases, local label; compared as its
     * {@code _cmpkey}: a dev release of no pre or post release before the pre-releases, a release without pre-release
     * after them, a local label after none, numeric local parts after textual ones.
     */
    private record Pep440(BigInteger epoch, List<BigInteger> release, int preKind, BigInteger pre, BigInteger post,
                          BigInteger dev, List<String> local) implements Comparable<Pep440> {
        private static final Pattern FORM = Pattern.compile("^\\s*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
                + "(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\\d+)?)?"
                + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
                + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?"
                + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$", Pattern.CASE_INSENSITIVE);
        /** The pre-release kinds in their order; no pre-release sorts by {@link #compareTo}'s rules. */
        private static final List<String> KINDS = List.of("a", "b", "rc");

        static Pep440 of(String v) {
            Matcher m = FORM.matcher(v);
            if (!m.matches()) {
                throw new ExpressionFailure("Version comparison failed: Invalid version: '" + v + "'");
            }
            List<BigInteger> release = new ArrayList<>();
            for (String part : m.group(2).split("\\.")) {
                release.add(new BigInteger(part));
            }
            while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
                release.remove(release.size() - 1);
            }
            int kind = -1;
            if (m.group(3) != null) {
                String l = m.group(3).toLowerCase(java.util.Locale.ROOT);
                kind = KINDS.indexOf(switch (l) {
                    case "alpha" -> "a";
                    case "beta" -> "b";
                    case "c", "pre", "preview" -> "rc";
                    default -> l;
                });
            }
            BigInteger post = m.group(5) != null ? new BigInteger(m.group(5)) : m.group(6) != null ? number(m.group(7)) : null;
            List<String> local = m.group(10) == null ? null
                    : List.of(m.group(10).toLowerCase(java.util.Locale.ROOT).split("[-_.]"));
            return new Pep440(number(m.group(1)), release, kind, kind < 0 ? null : number(m.group(4)), post,
                    m.group(8) == null ? null : number(m.group(9)), local);
        }

        private static BigInteger number(String digits) {
            return digits == null ? BigInteger.ZERO : new BigInteger(digits);
        }

        @Override
        public int compareTo(Pep440 o) {
            int c = epoch.compareTo(o.epoch);
            for (int i = 0; c == 0 && i < Math.max(release.size(), o.release.size()); i++) {
                c = (i < release.size() ? release.get(i) : BigInteger.ZERO).compareTo(i < o.release.size() ? o.release.get(i) : BigInteger.ZERO);
            }
            if (c == 0) {
                c = Integer.compare(preRank(), o.preRank());
            }
            if (c == 0 && preKind >= 0) {
                c = pre.compareTo(o.pre);
            }
            if (c == 0) {
                c = post == null || o.post == null ? Boolean.compare(post != null, o.post != null) : post.compareTo(o.post);
            }
            if (c == 0) {
                c = dev == null || o.dev == null ? Boolean.compare(dev == null, o.dev == null) : dev.compareTo(o.dev);
            }
            return c == 0 ? compareLocal(local, o.local) : c;
        }

        /** Where the pre-release sorts: a dev-only release first, then a, b, rc, then a release without pre-release. */
        private int preRank() {
            if (preKind >= 0) {
                return preKind;
            }
            return post == null && dev != null ? -1 : KINDS.size();
        }

        private static int compareLocal(List<String> a, List<String> b) {
            if (a == null || b == null) {
                return Boolean.compare(a != null, b != null);
            }
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                boolean an = a.get(i).matches("\\d+");
                boolean bn = b.get(i).matches("\\d+");
                int c = an && bn ? new BigInteger(a.get(i)).compareTo(new BigInteger(b.get(i)))
                        : an != bn ? Boolean.compare(an, bn) : a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
    }
}
