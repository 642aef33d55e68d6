package io.runbook.modules.python;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One package the pip module is asked for, as ansible-core's {@code Package} reads it (with setuptools'
 * {@code Requirement.parse}): a name with extras, version specifiers and a marker is "plain", shown normalized
 * ({@code tinypkg<2.0,>=1.0}: specifiers sorted, no spaces) and checked against {@code pip list}; anything else (a
 * path, a URL, a VCS URL) is passed to pip as written and never counts as installed.
 */
final class PipRequirement {
    private static final Pattern NAME = Pattern.compile("\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[([^\\]]*)\\])?\\s*(.*)", Pattern.DOTALL);
    private static final Pattern SPEC = Pattern.compile("\\s*(~=|===|==|!=|<=|>=|<|>)\\s*([A-Za-z0-9.*+!_-]+)\\s*");
    private static final List<String> OPERATORS = List.of(">=", "<=", ">", "<", "==", "!=", "~=");
    private static final Pattern VCS = Pattern.compile("(svn|git|hg|bzr)\\+");

    private final String written;
    private final String name;
    private final List<String> extras;
    private final List<String[]> specs;
    private final String marker;

    private PipRequirement(String written, String name, List<String> extras, List<String[]> specs, String marker) {
        this.written = written;
        this.name = name;
        this.extras = extras;
        this.specs = specs;
        this.marker = marker;
    }

    static PipRequirement parse(String text) {
        Matcher m = NAME.matcher(text);
        if (!m.matches()) {
            return new PipRequirement(text, null, List.of(), List.of(), null);
        }
        String rest = m.group(3);
        String marker = null;
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            marker = rest.substring(semicolon + 1).strip();
            rest = rest.substring(0, semicolon);
        }
        List<String[]> specs = new ArrayList<>();
        if (!rest.isBlank()) {
            for (String part : rest.split(",", -1)) {
                Matcher s = SPEC.matcher(part);
                if (!s.matches()) {
                    return new PipRequirement(text, null, List.of(), List.of(), null);
                }
                specs.add(new String[] {s.group(1), s.group(2)});
            }
        }
        List<String> extras = m.group(2) == null ? List.of()
                : Arrays.stream(m.group(2).split(",")).map(String::strip).filter(e -> !e.isEmpty()).sorted().toList();
        return new PipRequirement(text, m.group(1), extras, specs, marker);
    }

    /** {@code version} added to the (only) package as ansible-core adds it: {@code ==VERSION} when it starts with a digit. */
    PipRequirement withVersion(String version) {
        String v = version.stripLeading();
        return parse(toString() + (!v.isEmpty() && Character.isDigit(v.charAt(0)) ? "==" : " ") + v);
    }

    /** ansible-core's _recover_package_name: the name list split at commas and joined again where a part is a specifier. */
    static List<String> recover(List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            parts.addAll(Arrays.asList(n.split(",", -1)));
        }
        List<String> packages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean inBrackets = false;
        for (String part : parts) {
            String trimmed = part.stripLeading();
            boolean isName = OPERATORS.stream().noneMatch(trimmed::startsWith);
            if (isName && !inBrackets) {
                if (!current.isEmpty()) {
                    packages.add(String.join(",", current));
                }
                current = new ArrayList<>();
            }
            if (part.contains("[")) {
                inBrackets = true;
            }
            if (inBrackets && part.contains("]")) {
                inBrackets = false;
            }
            current.add(part);
        }
        packages.add(String.join(",", current));
        return packages;
    }

    static boolean isVcs(String name) {
        return VCS.matcher(name).lookingAt();
    }

    boolean isPlain() {
        return name != null;
    }

    boolean hasVersionSpecifier() {
        return !specs.isEmpty();
    }

    /** PEP 503's normalized name: runs of -, _ and . as one -, lower case. */
    static String canonical(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    /** Whether a {@code pip list --format=freeze} line ({@code name==version}) satisfies this requirement. */
    boolean isSatisfiedBy(String freezeLine) {
        int eq = freezeLine.indexOf("==");
        if (!isPlain() || eq < 0 || freezeLine.indexOf("==", eq + 2) >= 0) {
            return false;
        }
        if (!canonical(freezeLine.substring(0, eq)).equals(canonical(name))) {
            return false;
        }
        String installed = freezeLine.substring(eq + 2);
        return specs.stream().allMatch(s -> contains(s[0], s[1], installed));
    }

    private static boolean contains(String op, String wanted, String installed) {
        if (op.equals("===")) {
            return installed.equalsIgnoreCase(wanted);
        }
        PythonVersion have = PythonVersion.parse(installed);
        boolean prefix = wanted.endsWith(".*");
        PythonVersion want = PythonVersion.parse(prefix ? wanted.substring(0, wanted.length() - 2) : wanted);
        if (have == null || want == null) {
            return false;
        }
        int c = have.compareTo(want);
        return switch (op) {
            case "==" -> prefix ? have.compareRelease(want.release(), want.release().size()) == 0 : c == 0;
            case "!=" -> prefix ? have.compareRelease(want.release(), want.release().size()) != 0 : c != 0;
            case ">=" -> c >= 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case "<" -> c < 0;
            default -> c >= 0 && have.compareRelease(want.release(), Math.max(1, want.release().size() - 1)) == 0; // ~=
        };
    }

    /** As pip is given it: normalized when plain, else as written. */
    @Override
    public String toString() {
        if (!isPlain()) {
            return written;
        }
        StringBuilder s = new StringBuilder(name);
        if (!extras.isEmpty()) {
            s.append('[').append(String.join(",", extras)).append(']');
        }
        s.append(String.join(",", specs.stream().map(p -> p[0] + p[1]).sorted().toList()));
        if (marker != null) {
            s.append("; ").append(marker);
        }
        return s.toString();
    }
}
