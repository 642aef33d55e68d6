package io.runbook.engine.module;

import java.io.Console;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A line typed at the terminal, read aside: the caller waits interruptibly, so Ctrl-C (which interrupts the run's
 * thread) stops the run at a question instead of waiting for Enter; the abandoned read ends with the process.
 */
public final class TerminalInput {
    private TerminalInput() {
    }

    /** The line typed after {@code question} ("" at the end of input); hidden (no echo) when asked. */
    public static String readLine(Console console, String question, boolean hidden) throws InterruptedException {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                if (hidden) {
                    char[] read = console.readPassword("%s", question);
                    line.complete(read == null ? "" : new String(read));
                } else {
                    String read = console.readLine("%s", question);
                    line.complete(read == null ? "" : read);
                }
            } catch (RuntimeException | Error e) {
                line.completeExceptionally(e);
            }
        }, "terminal-input");
        reader.setDaemon(true);
        reader.start();
        try {
            return line.get();
        } catch (ExecutionException e) {
            return "";
        }
    }
}
