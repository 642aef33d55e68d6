package io.runbook.cli.compat;

import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ansible-playbook (or, for a case of theirs, ansible or ansible-inventory) ended each run of the suite with, recorded in {@code ansible-results.yml} beside cases.yml
 * (written by {@code tools/compat/record-results.sh}: the suite with {@code -Dcompat.record=true} runs the real
 * ansible-playbook and writes the file). Each result carries a fingerprint of what decides it (the run's arguments
 * and environment, every file of its targets, the inventory): a result whose run or files changed since it was
 * recorded is stale, and the suite says so instead of comparing against it.
 */
final class AnsibleResults {
    static final String FILE = "ansible-results.yml";
    private final Path suite;
    private final String ansibleVersion;
    private final Map<String, Entry> entries;

    record Entry(String fingerprint, Recap recap) {
    }

    private AnsibleResults(Path suite, String ansibleVersion, Map<String, Entry> entries) {
        this.suite = suite;
        this.ansibleVersion = ansibleVersion;
        this.entries = entries;
    }

    /** The recorded results (none when the file is missing). */
    static AnsibleResults load(Path suite) {
        Path file = suite.resolve(FILE);
        Map<String, Entry> entries = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return new AnsibleResults(suite, "", entries);
        }
        Map<?, ?> all = (Map<?, ?>) YamlLoader.load(file).orElseThrow().toPlain();
        Map<?, ?> runs = all.get("runs") == null ? Map.of() : (Map<?, ?>) all.get("runs");
        runs.forEach((name, v) -> {
            Map<?, ?> m = (Map<?, ?>) v;
            List<String> hosts = ((List<?>) m.get("recap")).stream().map(String::valueOf).toList();
            entries.put(String.valueOf(name), new Entry(String.valueOf(m.get("fingerprint")),
                    new Recap(((Number) m.get("rc")).intValue(), hosts, "(recorded in " + FILE + ")")));
        });
        return new AnsibleResults(suite, String.valueOf(all.get("ansible")), entries);
    }

    String ansibleVersion() {
        return ansibleVersion;
    }

    /** The recorded result of a run, or null when there is none or it is stale. */
    Recap get(String name, CompatCase c) {
        Entry e = entries.get(name);
        return e != null && e.fingerprint().equals(fingerprint(c)) ? e.recap() : null;
    }

    synchronized void put(String name, CompatCase c, Recap recap) {
        entries.put(name, new Entry(fingerprint(c), recap));
    }

    /** Writes the file, sorted by run, for {@code ansibleVersion} (as {@code ansible-playbook --version} says it). */
    synchronized void write(String version) throws IOException {
        StringBuilder out = new StringBuilder("""
                # What Debian's ansible-playbook ended each run of cases.yml with: exit code and PLAY RECAP (for a run of ansible
                # or ansible-inventory, the lines the suite compares instead: see Recap.java). Written by
                # tools/compat/record-results.sh (AnsibleCompatTest with -Dcompat.record=true); do not edit by hand. A run whose
                # arguments or target files changed since has another fingerprint and must be recorded again.
                """);
        out.append("ansible: ").append(quote(version)).append("\nruns:\n");
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            out.append("  ").append(quote(e.getKey())).append(":\n");
            out.append("    fingerprint: ").append(quote(e.getValue().fingerprint())).append('\n');
            out.append("    rc: ").append(e.getValue().recap().exitCode()).append('\n');
            out.append("    recap:").append(e.getValue().recap().lines().isEmpty() ? " []\n" : "\n");
            e.getValue().recap().lines().forEach(h -> out.append("      - ").append(quote(h)).append('\n'));
        }
        Files.writeString(suite.resolve(FILE), out.toString());
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** SHA-256 of the run (arguments, environment, folder) and of every file of its targets and the inventory. */
    String fingerprint(CompatCase c) {
        Map<String, Path> files = new TreeMap<>();
        files.put("inventory", suite.resolve("inventory"));
        try {
            for (String t : TargetDependencies.of(suite.resolve("targets"), c.target())) {
                files.putAll(Fingerprint.filesUnder(suite, suite.resolve("targets").resolve(t)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Fingerprint.of(c.id() + "\0" + c.cwd() + "\0" + new TreeMap<>(c.env()), files).substring(0, 16);
    }
}
