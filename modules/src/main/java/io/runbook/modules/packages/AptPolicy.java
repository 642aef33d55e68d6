package io.runbook.modules.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code apt-cache policy NAME…} says of each package apt knows: its candidate (with the task's
 * {@code default_release} given as {@code -t}) and every version it has, highest first as apt lists them. A name apt
 * knows no version of (unknown, or only provided by others) has none.
 */
record AptPolicy(String candidate, List<String> versions) {
    private static final Pattern VERSION = Pattern.compile("^ (?:\\*\\*\\*| {3}) (\\S+) -?\\d+$");
    private static final Pattern HEADER = Pattern.compile("^(\\S+):$");

    boolean known() {
        return !versions.isEmpty();
    }

    /** The version apt would install when the task asks for {@code version} (a pattern) with {@code =}: pinned at 1001. */
    String bestMatching(String pattern) {
        return versions.stream().filter(v -> PackageSpec.fnmatch(v, pattern)).findFirst().orElse(null);
    }

    static Map<String, AptPolicy> parse(String output) {
        Map<String, AptPolicy> out = new LinkedHashMap<>();
        String name = null;
        String candidate = null;
        List<String> versions = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (name != null) {
                    out.put(name, new AptPolicy(candidate, versions));
                }
                name = header.group(1);
                candidate = null;
                versions = new ArrayList<>();
                continue;
            }
            String trimmed = line.trim();
            if (trimmed.startsWith("Candidate: ")) {
                String c = trimmed.substring("Candidate: ".length());
                candidate = "(none)".equals(c) ? null : c;
            }
            Matcher v = VERSION.matcher(line);
            if (v.matches()) {
                versions.add(v.group(1));
            }
        }
        if (name != null) {
            out.put(name, new AptPolicy(candidate, versions));
        }
        return out;
    }
}
