package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.report.ConsoleReporter;
import io.runbook.engine.report.MinimalReporter;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.report.RunListener;
import io.runbook.engine.report.WarningDisplay;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * The callbacks that show a playbook run, as ansible-playbook loads them from its settings: the stdout callback
 * ({@code stdout_callback}: {@code default}, {@code minimal} or {@code oneline}, by their short names or as
 * {@code ansible.builtin.NAME}) with its result format ({@code callback_result_format}, {@code callback_format_pretty})
 * and the default callback's other options ({@code display_skipped_hosts}, {@code display_ok_hosts}, …).
 */
final class OutputCallbacks {
    /** The stdout callbacks the engine shows a run with. */
    private static final List<String> OWN = List.of("default", "minimal", "oneline");
    /**
     * Callbacks Debian's Ansible has that the engine has not (ansible.builtin's, ansible.posix's and community.general's
     * that write to stdout, with the short names ansible-core redirects to them): named, the default output is used.
     */
    private static final Set<String> ELSEWHERE = Set.of("json", "jsonl", "yaml", "debug", "skippy", "junit", "tree",
            "dense", "diy", "unixy", "selective", "counter_enabled", "null", "actionable", "full_skip", "stderr");

    private OutputCallbacks() {
    }

    /**
     * The stdout callback's short name, as Ansible resolves it; a name no callback has is refused as Ansible refuses it
     * ({@code Invalid callback for stdout specified: NAME}), at where it was set.
     */
    static String stdoutCallback(Settings settings) {
        String name = settings.stdoutCallback();
        String shortName = name.startsWith("ansible.builtin.") ? name.substring("ansible.builtin.".length()) : name;
        if (OWN.contains(shortName) || ELSEWHERE.contains(shortName) || shortName.contains(".")) {
            return shortName;
        }
        throw new UserError(SourcePosition.of("stdout_callback"), "Invalid callback for stdout specified: "
                + name, io.runbook.engine.error.Suggestions.didYouMean(shortName, OWN));
    }

    /** Whether the stdout callback is one the engine has (else its output is the default callback's, with a warning). */
    static boolean available(String stdoutCallback) {
        return OWN.contains(stdoutCallback);
    }

    /** The stdout callback, then the callbacks of {@code callbacks_enabled} ({@link EnabledCallbacks}). */
    static List<RunListener> of(Settings settings, PrintWriter out, Redactor redactor, int verbosity, boolean colour,
                                WarningDisplay warnings) {
        List<RunListener> all = new java.util.ArrayList<>();
        all.add(switch (stdoutCallback(settings)) {
            case "minimal" -> new MinimalReporter(out, redactor, verbosity, colour, false, warnings, settings.resultFormat());
            case "oneline" -> new MinimalReporter(out, redactor, verbosity, colour, true, warnings);
            default -> new ConsoleReporter(out, redactor, verbosity, colour, warnings, settings.resultFormat(),
                    settings.callbackOptions());
        });
        all.addAll(EnabledCallbacks.of(settings, out, verbosity, warnings, java.time.Clock.systemDefaultZone()));
        return all;
    }

    /** Whether {@code name} (short) is a stdout callback Ansible has: one callbacks_enabled names is left out silently. */
    static boolean isStdout(String name) {
        return OWN.contains(name) || ELSEWHERE.contains(name);
    }
}
