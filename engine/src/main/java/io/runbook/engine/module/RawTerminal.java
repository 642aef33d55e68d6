package io.runbook.engine.module;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The terminal on standard input read key by key, as Ansible's pause action reads it: put in raw mode with
 * {@code stty} (no line editing, no echo unless asked, Ctrl-C a key rather than a signal; output processing kept, so
 * a line still ends with CR LF), and restored as it was when closed. Keys are read by polling, so a wait for them
 * ends at its deadline or when the run's thread is interrupted, and no read is left behind to take a later answer.
 */
public final class RawTerminal implements AutoCloseable {
    /** Ansible's setraw: the flags of CPython's tty.setraw but OPOST, a key read as soon as it is typed. */
    private static final List<String> RAW = List.of("-brkint", "-icrnl", "-inpck", "-istrip", "-ixon", "cs8", "-parenb",
            "-echo", "-icanon", "-iexten", "-isig", "min", "1", "time", "0");
    private static final long POLL_MILLIS = 20;
    /** The positions of VINTR and VERASE among the control characters {@code stty -g} lists (Linux's termios). */
    private static final int VINTR = 0;
    private static final int VERASE = 2;
    private final String saved;
    private final int interrupt;
    private final int erase;
    private final InputStream in = System.in;

    private RawTerminal(String saved, int interrupt, int erase) {
        this.saved = saved;
        this.interrupt = interrupt;
        this.erase = erase;
    }

    /**
     * Standard input in raw mode, its typed keys echoed when {@code echo}; null when it is no terminal or the run is in
     * the background (its process group not the terminal's foreground one), as Ansible's {@code is_interactive}.
     */
    public static RawTerminal open(boolean echo) {
        String saved = stty(List.of("-g"));
        if (saved == null || !inForeground()) {
            return null;
        }
        List<String> raw = new ArrayList<>(RAW);
        if (echo) {
            raw.add("echo");
        }
        if (stty(raw) == null) {
            return null;
        }
        String[] fields = saved.strip().split(":");
        // what was typed before is not an answer (Ansible flushes the terminal's input once it is raw)
        try {
            System.in.skip(Math.max(0, System.in.available()));
        } catch (IOException e) {
            // nothing to discard
        }
        return new RawTerminal(saved.strip(), control(fields, VINTR, 3), control(fields, VERASE, 0x7f));
    }

    /** The next key typed (a byte), or -1 when none came within {@code millis} ({@code Long.MAX_VALUE}: no limit). */
    public int read(long millis) throws InterruptedException {
        long start = System.nanoTime();
        try {
            while (in.available() <= 0) {
                long left = millis == Long.MAX_VALUE ? POLL_MILLIS : millis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (left <= 0) {
                    return -1;
                }
                Thread.sleep(Math.min(POLL_MILLIS, left));
            }
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether {@code key} is the terminal's interrupt key (Ctrl-C). */
    public boolean isInterrupt(int key) {
        return key == interrupt;
    }

    /** Whether {@code key} is the terminal's erase key (backspace). */
    public boolean isErase(int key) {
        return key == erase;
    }

    @Override
    public void close() {
        stty(List.of(saved));
    }

    private static int control(String[] sttyFields, int index, int fallback) {
        try {
            return Integer.parseInt(sttyFields[4 + index], 16);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /** Whether standard input is a terminal (Python's {@code sys.stdin.isatty()}: stty can read its settings). */
    public static boolean onStandardInput() {
        return stty(List.of("-g")) != null;
    }

    /** Runs stty on standard input: its output, or null when it fails (standard input is no terminal). */
    private static String stty(List<String> args) {
        return stty(null, args);
    }

    /** Runs stty on {@code terminal} (standard input when null): its output, or null when it fails. */
    static String stty(java.io.File terminal, List<String> args) {
        List<String> command = new ArrayList<>(List.of("stty"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectInput(terminal == null ? ProcessBuilder.Redirect.INHERIT
                            : ProcessBuilder.Redirect.from(terminal))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // waited for even when the run is being stopped: the terminal must get its settings back
            boolean interrupted = false;
            while (true) {
                try {
                    int code = p.waitFor();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return code == 0 ? out : null;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether this process's group is its terminal's foreground group ({@code /proc/self/stat}; true without it). */
    private static boolean inForeground() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // state ppid pgrp session tty_nr tpgid
            return after[2].equals(after[5]);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
