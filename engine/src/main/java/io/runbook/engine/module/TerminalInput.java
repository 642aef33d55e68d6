package io.runbook.engine.module;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
        return aside(() -> {
            if (hidden) {
                char[] read = console.readPassword("%s", question);
                return read == null ? "" : new String(read);
            }
            String read = console.readLine("%s", question);
            return read == null ? "" : read;
        });
    }

    /**
     * The line typed after {@code question} when standard input is a terminal but standard output is not (redirected
     * to a file), where Java has no {@link Console}: as Python's {@code input} and {@code getpass}, which
     * ansible-playbook's prompts use, a shown answer's question goes to standard output ({@code output}: where the
     * run's output goes) and the line is read from standard input; a hidden one's question goes to the terminal
     * ({@code /dev/tty}) and the line is read from it with echo off, then a line break ends the question there.
     */
    public static String readLineOffConsole(String question, boolean hidden, java.util.function.Consumer<String> output)
            throws InterruptedException {
        if (!hidden) {
            output.accept(question);
            return aside(() -> line(System.in));
        }
        java.io.File tty = new java.io.File("/dev/tty");
        try (java.io.FileInputStream in = new java.io.FileInputStream(tty);
             java.io.FileOutputStream out = new java.io.FileOutputStream(tty)) {
            // echo off before the question is shown, as getpass: nothing typed once it is seen is echoed
            String saved = RawTerminal.stty(tty, java.util.List.of("-g"));
            RawTerminal.stty(tty, java.util.List.of("-echo"));
            try {
                out.write(question.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return aside(() -> line(in));
            } finally {
                if (saved != null) {
                    RawTerminal.stty(tty, java.util.List.of(saved.strip()));
                }
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether the process has a controlling terminal ({@code /dev/tty} opens), as Python's getpass first tries. */
    public static boolean controllingTerminal() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/dev/tty")) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A password asked as Python's {@code getpass} asks it for ansible-playbook's {@code -k}, {@code -K} and
     * {@code --ask-vault-pass}: at the console; else at the controlling terminal ({@code /dev/tty}) with echo off;
     * else, as getpass's fallback, with its warning and the question on standard error, read from standard input
     * ({@code null} at the end of input there, as Python's {@code EOFError}).
     */
    public static String getpass(String question) throws InterruptedException {
        Console console = System.console();
        if (console != null) {
            return aside(() -> {
                char[] read = console.readPassword("%s", question);
                return read == null ? null : new String(read);
            });
        }
        if (controllingTerminal()) {
            return readLineOffConsole(question, true, s -> { });
        }
        System.err.print("Warning: Password input may be echoed.\n" + question);
        System.err.flush();
        return aside(() -> lineOrNull(System.in));
    }

    /** A line of {@code in} without its line break ("" at the end of input), read byte by byte (nothing read ahead). */
    private static String line(InputStream in) {
        String line = lineOrNull(in);
        return line == null ? "" : line;
    }

    /** A line of {@code in} without its line break, {@code null} at the end of input with nothing read. */
    private static String lineOrNull(InputStream in) {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        int b = -1;
        try {
            while ((b = in.read()) >= 0 && b != '\n') {
                read.write(b);
            }
        } catch (IOException e) {
            // the end of input
        }
        if (b < 0 && read.size() == 0) {
            return null;
        }
        String text = read.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** {@code read} run on a thread of its own while the caller waits interruptibly ("" when it fails). */
    private static String aside(java.util.function.Supplier<String> read) throws InterruptedException {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                line.complete(read.get());
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
