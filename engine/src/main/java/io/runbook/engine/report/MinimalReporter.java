package io.runbook.engine.report;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a run as Ansible's ad-hoc command does, with its {@code minimal} callback ({@code host | CHANGED => {...}},
 * {@code host | CHANGED | rc=0 >>} and the output of command, shell and raw) or, one line per host, its
 * {@code oneline} callback ({@code -o}). No banners and no recap: one block per host result.
 */
public final class MinimalReporter implements RunListener {
    /** Ansible's MODULE_NO_JSON: actions whose result is shown as their output rather than as JSON. */
    private static final Set<String> NO_JSON = Set.of("command", "shell", "raw");
    /** What Ansible's callbacks leave of a debug result that has a message (_DEBUG_ALLOWED_KEYS). */
    private static final Set<String> DEBUG_KEPT = Set.of("msg", "exception", "warnings", "deprecations");
    /** What they take out of one that shows a variable (_hide_in_debug). */
    private static final List<String> DEBUG_HIDDEN = List.of("changed", "failed", "skipped", "invocation", "skip_reason");
    private final PrintWriter out;
    private final Redactor redactor;
    private final int verbosity;
    private final boolean colour;
    private final boolean oneLine;
    private final WarningDisplay warnings;
    private final ResultFormat format;
    /** What Ansible's display prints whatever the callback: warnings, errors, a prompt's text. */
    private final DisplayOnly display;

    /** {@code oneLine}: the {@code oneline} callback's forms ({@code -o}); warnings go to {@code warnings}. */
    public MinimalReporter(PrintWriter out, Redactor redactor, int verbosity, boolean colour, boolean oneLine,
                           WarningDisplay warnings) {
        this(out, redactor, verbosity, colour, oneLine, warnings, ResultFormat.JSON);
    }

    /** As above, the minimal callback's results in {@code format} (its result_format and pretty_results). */
    public MinimalReporter(PrintWriter out, Redactor redactor, int verbosity, boolean colour, boolean oneLine,
                           WarningDisplay warnings, ResultFormat format) {
        this.format = format;
        this.out = out;
        this.redactor = redactor;
        this.verbosity = verbosity;
        this.colour = colour;
        this.oneLine = oneLine;
        this.warnings = warnings;
        this.display = new DisplayOnly(out, redactor, warnings, verbosity);
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        if (r.item() != null && !r.loopEnd() || r.replayed()) {
            return;
        }
        String host = r.label();
        Map<String, Object> result = r.result();
        r.warnings().forEach(w -> warnings.warn(redactor.redact(w)));
        switch (r.status()) {
            case SKIPPED -> print(host + " | SKIPPED", "\033[0;36m");
            case UNREACHABLE -> print(oneLine ? host + " | UNREACHABLE!: " + text(result.get("msg"))
                    : host + " | UNREACHABLE! => " + json(result, r), "\033[1;31m");
            case FAILED -> failed(r, host, result);
            default -> {
                if (!oneLine && !r.diffs().isEmpty()) {
                    r.diffs().forEach(d -> UnifiedDiff.lines(d).forEach(l -> print(l, null)));
                }
                String state = r.status() == HostStatus.CHANGED ? "CHANGED" : "SUCCESS";
                String c = r.status() == HostStatus.CHANGED ? "\033[0;33m" : "\033[0;32m";
                Map<String, Object> shown = oneLine ? result : cleaned(r.action(), result);
                print(commandForm(r.action(), shown) ? command(host, state, shown) : host + " | " + state + " => " + json(shown, r), c);
            }
        }
    }

    /** As the callbacks' {@code v2_runner_on_ok} for an include: {@code host | SUCCESS => {...}} before its tasks' results. */
    @Override
    public void includeResult(HostResult r) {
        hostResult(r);
    }

    /**
     * The callbacks' {@code v2_runner_on_failed}: a command's output (an async job's too), after the exception line
     * (minimal); the oneline callback's exception line or command line, then always the result.
     */
    private void failed(HostResult r, String host, Map<String, Object> result) {
        boolean commandForm = noJson(r.action()) && !result.containsKey("module_stderr");
        if (oneLine) {
            if (result.get("exception") instanceof String e) {
                // at -vvv the oneline callback runs the traceback's lines together
                print(commandForm ? command(host, "FAILED", result) : exceptionLine(verbosity < 3 ? e : e.replace("\n", ""), verbosity),
                        "\033[0;31m");
            }
            print(host + " | FAILED! => " + json(result, r), "\033[0;31m");
            return;
        }
        if (result.get("exception") instanceof String e) {
            print(exceptionLine(e, verbosity), "\033[0;31m");
        }
        print(commandForm ? command(host, "FAILED", result) : host + " | FAILED! => " + json(result, r), "\033[0;31m");
    }

    /** command, shell and raw show their output, unless the result is an async job's (it has {@code ansible_job_id}). */
    private static boolean commandForm(String action, Map<String, Object> result) {
        return noJson(action) && !result.containsKey("ansible_job_id");
    }

    private static boolean noJson(String action) {
        return NO_JSON.contains(io.runbook.engine.module.ModuleRegistry.shortName(action));
    }

    /** The minimal callback's {@code _command_generic_msg}, or the oneline callback's. */
    private String command(String host, String state, Map<String, Object> result) {
        String rc = result.containsKey("rc") ? PythonRepr.str(result.get("rc")) : "-1";
        if (oneLine) {
            String stdout = escapeBreaks(text(result.get("stdout")));
            String stderr = escapeBreaks(text(result.get("stderr")));
            return host + " | " + state + " | rc=" + rc + " | (stdout) " + stdout + (stderr.isEmpty() ? "" : " (stderr) " + stderr);
        }
        String text = host + " | " + state + " | rc=" + rc + " >>\n" + text(result.get("stdout")) + text(result.get("stderr"))
                + text(result.get("msg")) + "\n";
        // as Ansible's display: a text that ends in a line break gets no second one
        return text.substring(0, text.length() - 1);
    }

    /** The minimal callback's {@code _clean_results}: a debug shows its message alone, or its variable. */
    private static Map<String, Object> cleaned(String action, Map<String, Object> result) {
        if (!isDebug(action)) {
            return result;
        }
        Map<String, Object> m = new LinkedHashMap<>(result);
        if (m.containsKey("msg")) {
            m.keySet().removeIf(k -> !DEBUG_KEPT.contains(k));
        } else {
            m.keySet().removeAll(DEBUG_HIDDEN);
        }
        return m;
    }

    /**
     * {@code _dump_results}: sorted keys, indented by 4 (the oneline callback's on one line, as it removes the line
     * breaks of its {@code indent=0}, which a result Ansible always shows verbosely, debug's and assert's that ran, and
     * -vvv turn into 4), without the diff and invocation below -vvv and without the exception.
     */
    private String json(Map<String, Object> result, HostResult r) {
        Map<String, Object> m = ResultFormat.abridged(result, verbosity);
        if (!oneLine) {
            return format.dump(m, true, verbosity, redactor);  // the minimal callback's _dump_results(indent=4)
        }
        if (isDebug(r.action())) {
            // the oneline callback shows a debug's result uncleaned, and that says it changed nothing
            m.putIfAbsent("changed", false);
        }
        // every line break of the JSON text is its layout's (a string's are escaped), followed by that line's indent
        return r.verbose() || verbosity > 2 ? Json.pretty(m).replace("\n", "") : Json.pretty(m).replaceAll("\n *", "");
    }

    private static boolean isDebug(String action) {
        return "debug".equals(io.runbook.engine.module.ModuleRegistry.shortName(action));
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof String s ? s : PythonRepr.str(value);
    }

    private static String escapeBreaks(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Ansible's callbacks' line for a failed result's {@code exception}: its last line, or at -vvv all of it. */
    static String exceptionLine(String exception, int verbosity) {
        return "An exception occurred during task execution. " + (verbosity < 3
                ? "To see the full traceback, use -vvv. The error was: " + last(exception) : "The full traceback is:\n" + exception);
    }

    private static String last(String exception) {
        String[] lines = exception.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Override
    public synchronized void warning(String message) {
        display.warning(message);
    }

    @Override
    public synchronized void hostWarning(String message) {
        display.hostWarning(message);
    }

    @Override
    public synchronized void error(String message) {
        display.error(message);
    }

    @Override
    public synchronized void verbose(int level, String host, String message) {
        if (verbosity >= level) {
            print(host == null ? message : "<" + host + "> " + message, "\033[0;34m");
        }
    }

    /** As {@link ConsoleReporter#terminal}: as it is, masked, flushed (the task debugger opens in ad-hoc runs too). */
    @Override
    public synchronized void terminal(String text) {
        display.terminal(text);
    }

    @Override
    public synchronized void interrupted(String reason) {
        display.interrupted(reason);  // on stderr, as ansible's
    }

    @Override
    public synchronized void aborted(String message) {
        display.aborted(message);  // on stderr, as ansible's
    }

    private void print(String text, String code) {
        String safe = redactor.redact(text);
        out.println(colour && code != null ? code + safe.replace("\n", "\033[0m\n" + code) + "\033[0m" : safe);
        out.flush();
    }
}
