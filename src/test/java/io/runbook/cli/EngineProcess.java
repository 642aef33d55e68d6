package io.runbook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The engine started as its own process, exactly as {@code java -jar engine.jar ...} starts it (same main class,
 * the test class path: {@link EngineJvm}), so tests can send it real signals and kill it. Output (stdout and stderr, merged) is
 * collected as it comes.
 */
final class EngineProcess implements AutoCloseable {
    /**
     * A process started in the background by a non-interactive shell (a CI runner, {@code nohup bin/test &}) has
     * SIGINT ignored, every process it starts inherits that, and a JVM then never sees Ctrl-C (as Python would
     * not): the engine is started with SIGINT and SIGTERM reset to what they are at a terminal (coreutils' env).
     */
    static final List<String> SIGNALS_AS_AT_A_TERMINAL = envResetsSignals()
            ? List.of("env", "--default-signal=INT,TERM") : List.of();
    private final Process process;
    private final Path tmp;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT,TERM", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private EngineProcess(Process process, Path tmp) {
        this.process = process;
        this.tmp = tmp;
        this.reader = new Thread(() -> copy(process.getInputStream()), "engine-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code Main} with {@code args} in {@code workingDir}, with a temporary folder of its own (removed on
     * {@link #close}): a killed engine leaves Helm's extracted native library behind.
     */
    static EngineProcess start(Path workingDir, String... args) {
        return start(workingDir, java.util.Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code env} added to the engine's environment. */
    static EngineProcess start(Path workingDir, java.util.Map<String, String> env, String... args) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("engine-process");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(SIGNALS_AS_AT_A_TERMINAL);
        // the quick compiler only and the serial collector, as bin/runbook starts the engine: a run waits for its
        // clusters, and C2's compilations and G1's threads cost more CPU time than they save in it
        command.addAll(EngineJvm.command("-Djava.io.tmpdir=" + tmp));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toAbsolutePath().toFile()).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        // a variable given as null is removed from the test run's own environment
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        try {
            return new EngineProcess(builder.start(), tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    String output() {
        return output.toString();
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the output contains {@code text}; fails (with the output) if the process ends first or after {@code limit}. */
    void awaitOutput(String text, Duration limit) throws InterruptedException {
        awaitCondition(() -> output.indexOf(text) >= 0, "output containing '" + text + "'", limit);
    }

    /** Waits until {@code condition} holds; fails (with the output) if the process ends first or after {@code limit}. */
    void awaitCondition(BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() && !condition.getAsBoolean()) {
                reader.join(120_000);  // the rest of the output: at once unless the machine is very busy
                if (condition.getAsBoolean()) {
                    return;
                }
                throw new AssertionError("the engine ended (exit " + process.exitValue() + ") before " + what + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + limit.toSeconds() + " s:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}, {@code QUIT}, {@code KILL}) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /**
     * Waits for the process itself to end, not for the end of its output (which a process it started may still hold
     * open); fails after {@code limit}, a hang guard.
     */
    void awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the engine did not end within " + limit.toSeconds() + " s:\n" + output());
        }
    }

    /**
     * Waits for the process to end and returns its exit code; fails after {@code limit}, a bound far above any
     * normal run that only keeps a hung engine from hanging the suite.
     */
    int exitCode(Duration limit) throws InterruptedException {
        awaitExit(limit);
        reader.join(120_000);  // the rest of the output: at once unless the machine is very busy
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it up in the end
        }
    }
}
