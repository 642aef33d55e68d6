package io.runbook.cli.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The targets a target needs beside itself, as ansible-test finds them: {@code needs/target/X} in its aliases, and
 * the roles its meta/main.yml depends on that are targets (such as setup_remote_tmp_dir, prepare_tests).
 */
final class TargetDependencies {
    private static final Pattern NEEDS = Pattern.compile("needs/target/(\\S+)");
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s*-\\s*(?:(?:role|name):\\s*)?([A-Za-z0-9_.-]+)\\s*$",
            Pattern.MULTILINE);

    private TargetDependencies() {
    }

    static Set<String> of(Path targets, String target) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(target);
        while (!todo.isEmpty()) {
            String t = todo.poll();
            if (!Files.isDirectory(targets.resolve(t)) || !out.add(t)) {
                continue;
            }
            Path aliases = targets.resolve(t).resolve("aliases");
            if (Files.isRegularFile(aliases)) {
                Matcher m = NEEDS.matcher(Files.readString(aliases));
                while (m.find()) {
                    todo.add(m.group(1));
                }
            }
            Path meta = targets.resolve(t).resolve("meta").resolve("main.yml");
            if (Files.isRegularFile(meta)) {
                Matcher m = DEPENDENCY.matcher(Files.readString(meta));
                while (m.find()) {
                    todo.add(m.group(1));
                }
            }
        }
        return out;
    }
}
