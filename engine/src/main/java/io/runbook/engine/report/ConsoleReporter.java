package io.runbook.engine.report;

import io.runbook.engine.module.Deprecation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints a run the way ansible-playbook's default callback does: banners, one line per host result,
 * {@code (item=…)}, retries, diffs and the PLAY RECAP. Colour only on a terminal. Progress of long waits
 * is rewritten in place on a terminal and printed at most every few seconds otherwise. The callback's options
 * ({@link CallbackOptions}) hide ok or skipped results, mark check mode, add start lines, task paths and custom stats.
 */
public final class ConsoleReporter implements RunListener {
    /** Actions whose results Ansible never shows on an ok line, at any -v (its setup module's _ansible_verbose_override). */
    private static final java.util.Set<String> FACTS_ONLY = java.util.Set.of("setup", "gather_facts", "ansible.builtin.setup",
            "ansible.builtin.gather_facts");
    private final PrintWriter out;
    private final Redactor redactor;
    private final int verbosity;
    private final boolean colour;
    private final WarningDisplay warnings;
    private final ResultFormat format;
    private final CallbackOptions options;
    private final CustomStats customStats = new CustomStats();
    private final ConsoleLines lines;
    /** What Ansible's display prints whatever the callback: warnings, errors, deprecations, a prompt's text. */
    private final DisplayOnly display;
    private final TaskBanners banners;
    private boolean dryRun;
    /** Each host's NOTIFIED HANDLER lines not printed yet: they come right before its next result line. */
    private final Map<String, List<String>> notified = new java.util.HashMap<>();

    /** A reporter that prints warnings on {@code out} too (each once, wrapped as Ansible's display wraps them). */
    public ConsoleReporter(PrintWriter out, Redactor redactor, int verbosity, boolean colour) {
        this(out, redactor, verbosity, colour, new WarningDisplay(out, null, colour));
    }

    /** A reporter whose warnings go to {@code warnings} (the run's stderr, as ansible-playbook prints them). */
    public ConsoleReporter(PrintWriter out, Redactor redactor, int verbosity, boolean colour, WarningDisplay warnings) {
        this(out, redactor, verbosity, colour, warnings, ResultFormat.JSON);
    }

    /** A reporter that writes results in {@code format} (callback_result_format, callback_format_pretty). */
    public ConsoleReporter(PrintWriter out, Redactor redactor, int verbosity, boolean colour, WarningDisplay warnings,
                           ResultFormat format) {
        this(out, redactor, verbosity, colour, warnings, format, CallbackOptions.DEFAULT);
    }

    /** A reporter with the default callback's other {@code options} too. */
    public ConsoleReporter(PrintWriter out, Redactor redactor, int verbosity, boolean colour, WarningDisplay warnings,
                           ResultFormat format, CallbackOptions options) {
        this.options = options;
        this.format = format;
        this.out = out;
        this.redactor = redactor;
        this.verbosity = verbosity;
        this.colour = colour;
        this.warnings = warnings;
        this.lines = new ConsoleLines(out, redactor, colour, warnings);
        this.display = new DisplayOnly(out, redactor, warnings, verbosity);
        this.banners = new TaskBanners(lines, options, verbosity);
    }

    /** From -vv, as ansible-playbook: the playbook's banner (its file name) and how many plays it has. */
    @Override
    public synchronized void playbookStart(String file, boolean check, int plays) {
        if (verbosity > 1) {
            lines.banner("PLAYBOOK: " + java.nio.file.Path.of(file).getFileName());
        }
        dryRun = check && options.checkMarkers();
        if (dryRun) {
            lines.banner("DRY RUN");
        }
        if (verbosity > 1) {
            lines.print(plays + " plays in " + file, null);
        }
    }

    /** Kept until the host's result comes, so that they stand right before it whatever other hosts print meanwhile. */
    @Override
    public synchronized void handlerNotified(String handler, String host) {
        if (verbosity > 1) {
            notified.computeIfAbsent(host, h -> new java.util.ArrayList<>()).add("NOTIFIED HANDLER " + handler + " for " + host);
        }
    }

    @Override
    public synchronized void verbose(int level, String host, String message) {
        if (verbosity >= level) {
            lines.closeProgress();
            lines.print(host == null ? message : "<" + host + "> " + message, Colour.BLUE);
        }
    }

    @Override
    public synchronized void playStart(String name, List<String> hosts) {
        playStart(name, hosts, false);
    }

    @Override
    public synchronized void playStart(String name, List<String> hosts, boolean check) {
        playStart(name, hosts, check, null, null);
    }

    @Override
    public synchronized void playStart(String name, List<String> hosts, boolean check, String path, String strategy) {
        banners.play(name, check, "free".equals(strategy));
    }

    @Override
    public synchronized void stepAnswered(String question) {
        lines.banner(question.strip());
    }

    /** Printed as it is (the run's secrets masked) and flushed: a question stands before the answer typed. */
    @Override
    public synchronized void terminal(String text) {
        lines.closeProgress();
        display.terminal(text);
    }

    @Override
    public synchronized void noHostsMatched() {
        lines.print("skipping: no hosts matched", Colour.CYAN);
    }

    @Override
    public synchronized void warning(String message) {
        lines.closeProgress();
        display.warning(message);
    }

    @Override
    public synchronized void error(String message) {
        lines.closeProgress();
        display.error(message);
    }

    @Override
    public synchronized void hostWarning(String message) {
        lines.closeProgress();
        display.hostWarning(message);
    }

    @Override
    public synchronized void taskStart(String name, String action, String position, boolean handler) {
        taskStart(name, action, position, handler, false);
    }

    /** The banner now, or (ok or skipped results hidden) before the task's first result shown. */
    @Override
    public synchronized void taskStart(String name, String action, String position, boolean handler, boolean check) {
        banners.task(name, action, position, handler, check);
    }

    @Override
    public synchronized void hostTaskStart(String host, String taskId) {
        banners.hostStart(host, null);
    }

    @Override
    public synchronized void hostTaskStart(String host, String taskId, String position) {
        banners.hostStart(host, position);
    }

    @Override
    public synchronized void included(String file, List<String> hosts) {
        included(file, hosts, null);
    }

    @Override
    public synchronized void included(String file, List<String> hosts, String item) {
        banners.show();
        lines.print("included: " + file + " for " + String.join(", ", hosts) + (item == null ? "" : " => (item=" + item + ")"), Colour.CYAN);
    }

    @Override
    public synchronized void customStats(String host, Map<String, Object> result) {
        customStats.add(host, result);
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        lines.closeProgress();
        List<String> held = notified.remove(r.host());
        if (held != null) {
            held.forEach(l -> lines.print(l, Colour.BLUE));
        }
        if (r.replayed() && (r.status() == HostStatus.OK || r.status() == HostStatus.CHANGED)) {
            customStats.add(r.host(), r.result());  // as the journal kept it (this session's come by customStats)
        }
        if (!options.shows(r.status())) {
            return;  // nor its warnings, as Ansible's callback
        }
        banners.show(r.host());
        if (r.replayed()) {
            replayed(r);
            return;
        }
        if (!r.diffs().isEmpty()) {
            r.diffs().forEach(lines::diff);
        }
        if (r.loopEnd() && r.status() != HostStatus.UNREACHABLE) {
            // the items' warnings, which the loop's result carries (none under no_log), after the items' lines, as
            // Ansible's callback shows them (a failed item's before its own line too: each warning is shown once)
            r.warnings().forEach(w -> warnings.warn(redactor.redact(w)));
        }
        // a censored (no_log) loop result has no items left to show: like Ansible, it is printed as one result
        boolean censoredLoop = r.loopEnd() && r.result().containsKey("censored");
        if (r.loopEnd() && !censoredLoop) {
            // Ansible's callback shows the deprecations its items brought at the loop's end (a failed item's before it too)
            deprecations(r);
            if (r.status() == HostStatus.SKIPPED) {
                lines.print("skipping: [" + r.label() + "]" + (verbosity > 0 ? " => " + json(r.loopSummary(), false) : ""), Colour.CYAN);
            }
            if (r.status() == HostStatus.FAILED && r.action().equals("debug") && r.result().get("msg") != null) {
                // Ansible's callback cleans a failed debug's result to its message before it looks for the loop's
                // items, finds none, and shows the loop's own failure
                banners.failed();
                lines.failure("fatal: [" + r.label() + "]: FAILED! => " + json(Map.of("msg", r.result().get("msg")), false), options.failedStderr());
            }
            if (r.status() == HostStatus.UNREACHABLE) {
                // as Ansible's callback: the loop's whole result, as any unreachable task's
                lines.failure("fatal: [" + r.label() + "]: UNREACHABLE! => " + json(r.result(), false), options.failedStderr());
            }
            if (r.ignored()) {
                lines.print("...ignoring", Colour.CYAN);
            }
            return;
        }
        String item = r.item() == null ? "" : " => (item=" + r.item() + ")";
        String line;
        Colour c;
        switch (r.status()) {
            case OK -> { line = "ok: [" + r.label() + "]" + item; c = Colour.GREEN; }
            case CHANGED -> { line = "changed: [" + r.label() + "]" + item; c = Colour.YELLOW; }
            // Ansible's default callback ends a skipped item's line with a space
            case SKIPPED -> { line = "skipping: [" + r.label() + "]" + (item.isEmpty() ? "" : item + " "); c = Colour.CYAN; }
            // as Ansible's callback: an unreachable item is a failed item (the loop's end says unreachable)
            case UNREACHABLE -> { line = (r.item() == null ? "fatal: [" + r.label() + "]: UNREACHABLE! => "
                    : "failed: [" + r.label() + "] (item=" + r.item() + ") => ") + json(r.result(), false); c = Colour.RED; }
            default -> {
                Map<String, Object> shown = r.result();
                if (shown.get("exception") instanceof String e) {
                    // as Ansible's default callback: the exception's line first, then the result without it
                    lines.failure(MinimalReporter.exceptionLine(e, verbosity), options.failedStderr());
                    shown = new java.util.LinkedHashMap<>(shown);
                    shown.remove("exception");
                }
                String json = json(shown, r.verbose());
                line = r.item() == null
                        ? "fatal: [" + r.label() + "]: FAILED! => " + json
                        : "failed: [" + r.label() + "] (item=" + r.item() + ") => " + json;
                c = Colour.RED;
            }
        }
        boolean showResult = r.status() != HostStatus.FAILED && r.status() != HostStatus.UNREACHABLE
                && (r.verbose() && r.status() != HostStatus.SKIPPED || verbosity > 0 && !FACTS_ONLY.contains(r.action()));
        if (showResult) {
            line += " => " + json(r.itemWarningsKept(), r.verbose());
        }
        // Ansible's default callback shows a result's warnings before its line; an item's only when it failed (the
        // others' at the loop's end)
        if (r.item() == null || r.status() == HostStatus.FAILED) {
            r.warnings().forEach(w -> warnings.warn(redactor.redact(w)));
            deprecations(r);
        }
        if (c != Colour.RED) {
            lines.print(line, c);
        } else {
            if (r.item() == null && r.status() == HostStatus.FAILED) {
                banners.failed();
            }
            lines.failure(line, options.failedStderr());
        }
        if (r.ignored() && r.item() == null) {
            lines.print("...ignoring", Colour.CYAN);
        }
    }

    /** The result's deprecations, after its warnings, as Ansible's callback shows them for an ok, changed or failed result. */
    private void deprecations(HostResult r) {
        if (r.status() == HostStatus.OK || r.status() == HostStatus.CHANGED || r.status() == HostStatus.FAILED) {
            r.deprecations().forEach(display::deprecation);
        }
    }

    @Override
    public synchronized void deprecation(Deprecation d) {
        lines.closeProgress();
        display.deprecation(d);
    }

    /** A result an earlier session of a resumed run journaled: one line, marked, never the result itself. */
    private void replayed(HostResult r) {
        String word = switch (r.status()) {
            case CHANGED -> "changed";
            case SKIPPED -> "skipping";
            case OK -> "ok";
            default -> r.ignored() ? "ok" : r.status().name().toLowerCase();
        };
        Colour c = r.status() == HostStatus.CHANGED ? Colour.YELLOW : r.status() == HostStatus.SKIPPED ? Colour.CYAN : Colour.GREEN;
        lines.print(word + ": [" + r.label() + "] (journaled, not run again)" + (r.ignored() ? " ...ignored" : ""), c);
    }

    @Override
    public synchronized void retrying(String host, String task, int retriesLeft) {
        retrying(host, task, retriesLeft, null);
    }

    /** With the attempt's result after it when the executor gives it (from -vvv, always for debug), as Ansible's {@code Result was: …}. */
    @Override
    public synchronized void retrying(String host, String task, int retriesLeft, Map<String, Object> result) {
        retrying(host, null, task, retriesLeft, result);
    }

    /** A delegated task's retry names the delegate without its address, as Ansible's (the attempt's result has none). */
    @Override
    public synchronized void retrying(String host, String delegate, String task, int retriesLeft, Map<String, Object> result) {
        lines.closeProgress();
        lines.print("FAILED - RETRYING: [" + host + (delegate == null || delegate.equals(host) ? "" : " -> " + delegate) + "]: " + task + " (" + retriesLeft + " retries left)."
                + (result != null ? "Result was: " + json(result, true) : ""), Colour.RED);
    }

    @Override
    public synchronized void progress(String host, String status) {
        lines.progress(host, status);
    }

    @Override
    public synchronized void progressLine(String host, String text) {
        lines.closeProgress();
        out.println(redactor.redact("  [" + host + "] " + text));
    }

    @Override
    public synchronized void noMoreHosts() {
        lines.banner("NO MORE HOSTS LEFT");
    }

    @Override
    public synchronized void interrupted(String reason) {
        lines.closeProgress();
        display.interrupted(reason);  // on stderr, as ansible-playbook's " [ERROR]: User interrupted execution"
    }

    @Override
    public synchronized void aborted(String message) {
        lines.closeProgress();
        display.aborted(message);  // on stderr, as ansible-playbook's
    }

    @Override
    public synchronized void recap(Map<String, HostStats> stats) {
        lines.closeProgress();
        lines.banner("PLAY RECAP");
        stats.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            HostStats s = e.getValue();
            Colour c = s.failed() > 0 || s.unreachable() > 0 ? Colour.RED : s.changed() > 0 ? Colour.YELLOW : Colour.GREEN;
            lines.print(s.recapLine(e.getKey()), colour ? c : null);
        });
        out.println();
        if (options.customStats() && !customStats.isEmpty()) {
            lines.banner("CUSTOM STATS:");
            customStats.lines(format, redactor).forEach(l -> lines.print(l, null));
        }
        if (dryRun) {
            lines.banner("DRY RUN");
        }
        out.flush();
    }

    /** A result as Ansible's callback dumps it ({@link ResultFormat}). */
    private String json(Map<String, Object> result, boolean verbose) {
        Map<String, Object> shown = result;
        if (result.containsKey("skipped")) {
            // as Ansible's callbacks get a result (TaskResult.clean_copy): without its skipped flag
            shown = new java.util.LinkedHashMap<>(result);
            shown.remove("skipped");
        }
        return format.dump(shown, verbose, verbosity, redactor);
    }
}
