package io.runbook.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line the way a user does ({@code engine.jar PLAYBOOK -i INVENTORY ...}) through
 * {@link Main#execute(PrintWriter, PrintWriter, String...)}, with captured streams and an events file.
 * Playbooks and inventories are the YAML files under {@code test/resources/engine}.
 */
final class EngineRun {
    /** The fixtures folder, relative to the module folder surefire runs in (so messages show short paths). */
    static final Path FIXTURES = Path.of("test/resources/engine");

    private EngineRun() {
    }

    /** The path of a fixture, as a user would type it. */
    static String fixture(String relative) {
        Path p = FIXTURES.resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no fixture " + p.toAbsolutePath());
        }
        return p.toString();
    }

    /** Copies the folder {@code from} with all it holds to {@code to} (made when missing); {@code to}. */
    static Path copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Runs {@code playbook} (a fixture) against the default test inventory, with extra command-line args. */
    static RunResult playbook(String playbook, String... args) {
        List<String> all = new ArrayList<>();
        all.add(fixture(playbook));
        all.add("-i");
        all.add(fixture("inventory/hosts.yml"));
        all.addAll(List.of(args));
        return cli(all.toArray(String[]::new));
    }

    /** Runs the command line exactly as given, adding {@code --events} when it runs a playbook. */
    static RunResult cli(String... args) {
        return run(System.getenv(), args);
    }

    /**
     * As {@link #cli(String...)}, with {@code env} added to the process's environment as the run's environment
     * ({@link Main#execute(Map, PrintWriter, PrintWriter, String...)}): its settings, lookups, facts, modules and the
     * processes they start see it.
     */
    static RunResult cli(Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(System.getenv());
        all.putAll(env);
        return run(all, args);
    }

    /** As {@link #cli(Map, String...)}, with exactly {@code env} as the run's environment (nothing of the process's). */
    static RunResult cliIn(Map<String, String> env, String... args) {
        return run(env, args);
    }

    /**
     * As {@link #cli(String...)} with {@code input} as standard input, where a run without a terminal reads its answers
     * ({@code --step}'s, the task debugger's commands) from; the process's own standard input again after.
     */
    static synchronized RunResult cliWithInput(String input, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return cli(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static RunResult run(Map<String, String> env, String... args) {
        Path events;
        try {
            events = Files.createTempFile("runbook-events", ".ndjson");
            Files.delete(events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(List.of(args));
        boolean runs = !all.isEmpty() && !all.get(0).startsWith("-") && !all.contains("--help")
                && !List.of("inventory", "modules", "lab", "vault", "config", "completion", "help").contains(all.get(0));
        if (runs) {
            all.add("--events");
            all.add(events.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            code = Main.execute(env, o, e, all.toArray(String[]::new));
        }
        try {
            return new RunResult(code, out.toString(), err.toString(), Events.read(events));
        } finally {
            try {
                Files.deleteIfExists(events);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
