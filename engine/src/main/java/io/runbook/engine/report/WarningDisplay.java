package io.runbook.engine.report;

import io.runbook.engine.module.Deprecation;
import io.runbook.engine.vars.TextWrap;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * Prints warnings (and errors that do not stop the run) as ansible-playbook's display does: {@code [WARNING]: text}
 * on stderr, wrapped at 79 columns as Python's textwrap wraps it, and the same (wrapped) warning only once per run;
 * a warning of one task's run on one host ({@link #warnUnlessShown}) again for each. Deprecations likewise, as
 * {@code [DEPRECATION WARNING]: text}, unless {@code deprecation_warnings} is off. Thread-safe; one per run.
 */
public final class WarningDisplay {
    /** The width Ansible's display wraps at when its output is not a terminal (and at least on one). */
    public static final int COLUMNS = 79;
    private final PrintWriter err;
    private final PrintWriter flushFirst;
    private final boolean colour;
    private final Set<String> shown = new HashSet<>();
    /** Whether deprecations are shown (Ansible's {@code deprecation_warnings}); those shown so far, each once. */
    private final boolean deprecationWarnings;
    private final Set<String> deprecationsShown = new HashSet<>();

    /**
     * Warnings to {@code err}; {@code flushFirst} (the standard output, or null) is flushed before each, so that a
     * warning shows where it happened; {@code colour}: each line purple, as Ansible's on a terminal.
     */
    public WarningDisplay(PrintWriter err, PrintWriter flushFirst, boolean colour) {
        this(err, flushFirst, colour, true);
    }

    /** As above; {@code deprecationWarnings} false: deprecations are not shown ({@code deprecation_warnings=False}). */
    public WarningDisplay(PrintWriter err, PrintWriter flushFirst, boolean colour, boolean deprecationWarnings) {
        this.err = err;
        this.flushFirst = flushFirst;
        this.colour = colour;
        this.deprecationWarnings = deprecationWarnings;
    }

    /** A warning as Ansible's display shows it: {@code [WARNING]: } and the text, wrapped. */
    public static String format(String message) {
        return String.join("\n", TextWrap.wrap("[WARNING]: " + message, COLUMNS));
    }

    /**
     * A deprecation as Ansible's display shows it: its {@link Deprecation#message}, wrapped keeping the spaces where
     * lines break (Ansible wraps deprecations with {@code drop_whitespace=False}).
     */
    public static String format(Deprecation d) {
        return String.join("\n", TextWrap.wrapKeepingSpaces(d.message(), COLUMNS)).strip();
    }

    /**
     * Prints the deprecation (purple, as a warning) unless the same one was printed already in this run or
     * deprecation warnings are off; false when it is not printed.
     */
    public synchronized boolean deprecated(Deprecation d) {
        String text = format(d);
        if (!deprecationWarnings || !deprecationsShown.add(text)) {
            return false;
        }
        print(text, "\033[0;35m");
        return true;
    }

    /**
     * Prints the deprecation unless {@link #deprecated} printed the same one already (or deprecation warnings are off),
     * without counting it as printed: as a deprecation of Ansible's worker process (see {@link #warnUnlessShown}).
     */
    public synchronized boolean deprecatedUnlessShown(Deprecation d) {
        String text = format(d);
        if (!deprecationWarnings || deprecationsShown.contains(text)) {
            return false;
        }
        print(text, "\033[0;35m");
        return true;
    }

    /** Prints the warning unless the same one was printed already in this run; false when it was. */
    public synchronized boolean warn(String message) {
        String text = format(message);
        if (!shown.add(text)) {
            return false;
        }
        print(text, "\033[0;35m");
        return true;
    }

    /**
     * Prints the warning unless {@link #warn} printed the same one already, without counting it as printed: as a
     * warning of Ansible's worker process, whose display starts with what the controller's had shown and keeps its
     * own to itself.
     */
    public synchronized boolean warnUnlessShown(String message) {
        String text = format(message);
        if (shown.contains(text)) {
            return false;
        }
        print(text, "\033[0;35m");
        return true;
    }

    /**
     * Prints an error as Ansible's display prints one that does not stop the run: {@code [ERROR]: text} after a line
     * break that Python's textwrap turns into the space the first line starts with.
     */
    public synchronized void error(String message) {
        print(String.join("\n", TextWrap.wrap("\n[ERROR]: " + message, COLUMNS)), "\033[0;31m");
    }

    /**
     * An error that stops the run, as ansible-playbook's CLI prints it: {@code ERROR! text} (red on a terminal), on
     * standard error after what standard output holds so far.
     */
    public synchronized void fatal(String message) {
        print("ERROR! " + message, "\033[0;31m");
    }

    /**
     * Text as it is, as Ansible's {@code display.display} writes it (a plugin's): on standard error when
     * {@code stderr}, else on standard output (the stream flushed before warnings; standard error when there is none).
     */
    public synchronized void text(String text, boolean stderr) {
        PrintWriter to = stderr || flushFirst == null ? err : flushFirst;
        if (to == err && flushFirst != null) {
            flushFirst.flush();
        }
        to.print(text);
        to.flush();
    }

    /** {@code code}: the line's colour on a terminal (Ansible's purple for warnings, red for errors). */
    private void print(String text, String code) {
        if (flushFirst != null) {
            flushFirst.flush();
        }
        err.println(colour ? code + text.replace("\n", "\033[0m\n" + code) + "\033[0m" : text);
        err.flush();
    }
}
