package io.runbook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The engine run on a pseudo-terminal, as a user at a terminal runs it: util-linux's {@code script} gives it one (so
 * {@code System.console()} is there), and what the test types goes to it as keystrokes once a question is shown.
 */
final class Terminal implements AutoCloseable {
    private final Process process;
    private final OutputStream keys;
    private final StringBuffer out = new StringBuffer();
    private final Thread reader;
    /** Where the engine's standard output goes instead of the terminal (null: to the terminal). */
    private final java.nio.file.Path stdout;

    private Terminal(Process process, java.nio.file.Path stdout) {
        this.process = process;
        this.stdout = stdout;
        this.keys = process.getOutputStream();
        this.reader = new Thread(this::copy, "terminal-output");
        reader.start();
    }

    /** Skips the test on a machine without util-linux's script (which makes the pseudo-terminal). */
    static void assumeAvailable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/script")),
                "util-linux's script is not installed");
    }

    /** Starts the engine with {@code args} (as {@code java -jar engine.jar ARGS}) on a new pseudo-terminal. */
    static Terminal start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** As {@link #start(String...)}, with {@code env} added to the engine's environment. */
    static Terminal start(java.util.Map<String, String> env, String... args) throws IOException {
        return start(env, null, args);
    }

    /**
     * As {@link #start(String...)}, with the engine's standard output redirected to the file {@code stdout} (its
     * standard input and error still the terminal): {@link #answer} then waits for a question in either.
     */
    static Terminal startWithOutputTo(java.nio.file.Path stdout, String... args) throws IOException {
        return start(java.util.Map.of(), stdout, args);
    }

    /**
     * As {@link #start(String...)}, run by {@link WriterRun}: the run's output goes to a writer of its own, the file
     * {@code output}, while the process's standard streams are the terminal; {@link #answer} waits in either.
     */
    static Terminal startWithWriterTo(java.nio.file.Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(EngineJvm.command());
        command.set(command.size() - 1, WriterRun.class.getName());
        command.add(output.toString());
        return start(java.util.Map.of(), command, output, "", args);
    }

    private static Terminal start(java.util.Map<String, String> env, java.nio.file.Path stdout, String... args) throws IOException {
        return start(env, EngineJvm.command(), stdout, stdout == null ? "" : " >" + quoted(stdout.toString()), args);
    }

    /** {@code java} (the engine's command line without its arguments) on a new pseudo-terminal, {@code redirect} after. */
    private static Terminal start(java.util.Map<String, String> env, List<String> java, java.nio.file.Path stdout,
            String redirect, String... args) throws IOException {
        // SIGINT as at a terminal: a test run started in the background (bin/test under nohup) has it ignored, and the
        // engine would never see the Ctrl-C the terminal sends
        List<String> engine = new ArrayList<>(EngineProcess.SIGNALS_AS_AT_A_TERMINAL);
        engine.addAll(java);
        engine.addAll(List.of(args));
        // exec: script runs the line with the user's $SHELL; a shell left waiting (dash, CI's /bin/sh) gets the Ctrl-C
        // too and ends with 130 whatever the engine's own exit code was
        String line = "exec " + engine.stream().map(Terminal::quoted).collect(Collectors.joining(" ")) + redirect;
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", line, "/dev/null").redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().putAll(env);
        return new Terminal(builder.start(), stdout);
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * Waits for the question's {@code nth} appearance, then types the answer and Enter (null: only waits); fails
     * when the engine ends first or nothing comes for five minutes, a bound far above any normal run.
     */
    void answer(String question, String typed, int nth) throws IOException, InterruptedException {
        Await.until(java.time.Duration.ofMinutes(5), "the question '" + question + "' (" + nth + ")",
                () -> count(seen(), question) >= nth || !process.isAlive());
        if (count(seen(), question) < nth) {
            throw new AssertionError("the engine ended without asking '" + question + "' (" + nth + "):\n" + out);
        }
        if (typed != null) {
            keys.write((typed + "\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }
    }

    /** Types {@code keys} as they are, without Enter (a key read at once by a terminal in raw mode: pause's). */
    void type(String keys) throws IOException {
        this.keys.write(keys.getBytes(StandardCharsets.UTF_8));
        this.keys.flush();
    }

    /** Presses Ctrl-C (the terminal sends SIGINT to the engine, or, in raw mode, the key itself). */
    void pressCtrlC() throws IOException {
        keys.write(3);
        keys.flush();
    }

    /** Waits for the engine to end with exit 0 and returns what the terminal showed (carriage returns removed). */
    String finish() throws InterruptedException {
        int code = end();
        String shown = shown();
        if (code != 0) {
            throw new AssertionError("exit " + code + ":\n" + shown);
        }
        return shown;
    }

    /** Waits for the engine to end and returns its exit code (through script's -e). */
    int end() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            throw new AssertionError("the engine did not end:\n" + out);
        }
        reader.join(60_000);
        return process.exitValue();
    }

    /** What the terminal showed so far, carriage returns removed. */
    String shown() {
        return out.toString().replace("\r", "");
    }

    /** What the terminal showed so far, then what the engine wrote to its redirected standard output. */
    private String seen() {
        try {
            return out + (stdout == null || !java.nio.file.Files.exists(stdout) ? "" : java.nio.file.Files.readString(stdout));
        } catch (IOException e) {
            return out.toString();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private void copy() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() throws IOException {
        keys.close();
        process.destroyForcibly();
    }
}
