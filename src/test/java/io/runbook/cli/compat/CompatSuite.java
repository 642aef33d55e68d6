package io.runbook.cli.compat;

import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's own files beside the copied targets: {@code cases.yml} (the runs, per target: each an
 * ansible-playbook command line of the target's runme.sh, or with {@code tool: ansible} or
 * {@code tool: ansible-inventory} a call of those, with {@code tool: script} a line of runme.sh run by bash, or {@code role} for a target ansible-test runs as a role,
 * {@code role: true} with {@code env:} in a list for its role run with settings) and
 * {@code known-differences.yml} (runs that still differ, each with the reason).
 */
final class CompatSuite {
    final Path dir;
    final Map<String, CompatCase> cases = new LinkedHashMap<>();
    final Map<String, String> knownDifferences = new LinkedHashMap<>();

    CompatSuite(Path dir) {
        this.dir = dir;
        readCases();
        Object known = YamlLoader.load(dir.resolve("known-differences.yml")).map(n -> n.toPlain()).orElse(Map.of());
        ((Map<?, ?>) known).forEach((k, v) -> knownDifferences.put(String.valueOf(k), String.valueOf(v)));
    }

    private void readCases() {
        Map<?, ?> all = (Map<?, ?>) YamlLoader.load(dir.resolve("cases.yml")).orElseThrow().toPlain();
        all.forEach((target, runs) -> {
            String t = String.valueOf(target);
            if ("role".equals(runs)) {
                cases.put(t, new CompatCase(t, List.of(), Map.of(), ".", true));
                return;
            }
            int n = 0;
            for (Object run : (List<?>) runs) {
                n++;
                cases.put(t + "#" + n, parse(t, run));
            }
        });
    }

    private static CompatCase parse(String target, Object run) {
        if (run instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> env = m.get("env") == null ? Map.of() : (Map<String, Object>) m.get("env");
            if (Boolean.TRUE.equals(m.get("role"))) {
                // the role run of a target (as 'role'), with settings
                return new CompatCase(target, List.of(), CompatRunner.env(env), ".", true);
            }
            CompatCase.Tool tool = CompatCase.Tool.named(m.get("tool") == null ? "ansible-playbook" : String.valueOf(m.get("tool")));
            // a script's line is run by bash as it is written
            List<String> args = tool == CompatCase.Tool.SCRIPT ? List.of(String.valueOf(m.get("args"))) : words(String.valueOf(m.get("args")));
            return new CompatCase(target, tool, args, CompatRunner.env(env),
                    m.get("cwd") == null ? "." : String.valueOf(m.get("cwd")), false);
        }
        return new CompatCase(target, words(String.valueOf(run)), Map.of(), ".", false);
    }

    /** Splits a command line on spaces outside single or double quotes (no other shell rules). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
