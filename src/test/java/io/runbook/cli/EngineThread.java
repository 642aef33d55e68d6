package io.runbook.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command line run through {@link Main#execute(PrintWriter, PrintWriter, String...)} on a thread of its own, so
 * a test can watch its output as it comes and change the world meanwhile (stop a cluster while a task waits).
 */
final class EngineThread {
    private final StringWriter output = new StringWriter();
    private final CompletableFuture<Integer> exit;

    private EngineThread(String... args) {
        PrintWriter out = new PrintWriter(output, true);
        exit = CompletableFuture.supplyAsync(() -> Main.execute(out, out, args));
    }

    static EngineThread start(String... args) {
        return new EngineThread(args);
    }

    /** Everything printed so far (StringWriter's buffer is synchronized). */
    String output() {
        return output.toString();
    }

    /** Waits until the output contains {@code after} and then, further on, {@code text}; fails after {@code limit}. */
    void awaitOutput(String after, String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            boolean ended = exit.isDone();  // read before the output: a run that printed the text and then ended passes
            String out = output();
            int from = out.indexOf(after);
            if (from >= 0 && out.indexOf(text, from + after.length()) >= 0) {
                return;
            }
            if (ended) {
                throw new AssertionError("the run ended before '" + after + "' … '" + text + "':\n" + out);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + after + "' … '" + text + "' after " + limit.toSeconds() + " s:\n" + out);
            }
            Thread.sleep(50);
        }
    }

    /** The exit code; fails after {@code limit}, a bound that only keeps a hung run from hanging the suite. */
    int exitCode(Duration limit) throws InterruptedException {
        try {
            return exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the run threw " + e.getCause() + ":\n" + output(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the run did not end within " + limit.toSeconds() + " s:\n" + output());
        }
    }
}
