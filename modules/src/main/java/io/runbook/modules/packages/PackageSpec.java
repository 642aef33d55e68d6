package io.runbook.modules.packages;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One item of apt's {@code name}: a package name (or fnmatch pattern), optionally with {@code =VERSION} (a pattern
 * too: {@code 1.0*}) or {@code >=VERSION}, split at the first {@code =} or {@code >=} as Ansible's {@code package_split}.
 *
 * @param comparison {@code "="}, {@code ">="} or null
 */
record PackageSpec(String name, String comparison, String version) {
    private static final Pattern SPLIT = Pattern.compile(">?=");

    static PackageSpec parse(String text) {
        Matcher m = SPLIT.matcher(text);
        if (!m.find()) {
            return new PackageSpec(text, null, null);
        }
        return new PackageSpec(text.substring(0, m.start()), m.group(), text.substring(m.end()));
    }

    boolean hasNamePattern() {
        return name.chars().anyMatch(c -> "*?[]!".indexOf(c) >= 0);
    }

    /** fnmatch as Python's: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}; everything else literal. */
    static boolean fnmatch(String text, String pattern) {
        return text.matches(globRegex(pattern));
    }

    static String globRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < pattern.length() && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < pattern.length() && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < pattern.length() && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= pattern.length()) {
                    re.append("\\[");
                } else {
                    String set = pattern.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set.startsWith("^") ? "\\" + set : set).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return "(?s)" + re;
    }
}
