package io.runbook.modules.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output of {@link RemoteFacts#SCRIPT}: sections each starting with a line {@code @@name}, the last one
 * ({@code env}) the output of {@code env}, where a line that does not start a {@code NAME=} continues the value
 * before it (a value with newlines).
 */
final class ScriptOutput {
    private final Map<String, List<String>> sections = new LinkedHashMap<>();

    private ScriptOutput() {
    }

    static ScriptOutput parse(String stdout) {
        ScriptOutput out = new ScriptOutput();
        List<String> current = null;
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("@@") && line.substring(2).matches("[a-z0-9_]+")) {
                current = out.sections.computeIfAbsent(line.substring(2), k -> new ArrayList<>());
            } else if (current != null) {
                current.add(line);
            }
        }
        return out;
    }

    /** The non-blank lines of a section. */
    List<String> lines(String section) {
        return sections.getOrDefault(section, List.of()).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The {@code n}th non-blank line of a section, or {@code fallback}. */
    String line(String section, int n, String fallback) {
        List<String> l = lines(section);
        return n < l.size() ? l.get(n) : fallback;
    }

    /** A section's text as written. */
    String text(String section) {
        return String.join("\n", sections.getOrDefault(section, List.of()));
    }

    /** The {@code env} section as variables, sorted by name. */
    Map<String, Object> env() {
        Map<String, Object> env = new TreeMap<>();
        String name = null;
        for (String line : sections.getOrDefault("env", List.of())) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                name = line.substring(0, eq);
                env.put(name, line.substring(eq + 1));
            } else if (name != null) {
                env.put(name, env.get(name) + "\n" + line);
            }
        }
        // the last line break is the script's, not the value's
        if (name != null && String.valueOf(env.get(name)).endsWith("\n")) {
            String v = String.valueOf(env.get(name));
            env.put(name, v.substring(0, v.length() - 1));
        }
        return new LinkedHashMap<>(env);
    }
}
