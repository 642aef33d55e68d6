package io.runbook.cli;

import io.runbook.engine.report.ConsoleReporter;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.report.RunListener;
import io.runbook.engine.report.WarningDisplay;
import java.io.PrintWriter;
import java.util.List;

/**
 * The callbacks that show a playbook run, as ansible-playbook loads them from its settings: the stdout callback
 * ({@code stdout_callback}) with its result format ({@code callback_result_format}, {@code callback_format_pretty}).
 */
final class OutputCallbacks {
    private OutputCallbacks() {
    }

    static List<RunListener> of(Settings settings, PrintWriter out, Redactor redactor, int verbosity, boolean colour,
                                WarningDisplay warnings) {
        return List.of(new ConsoleReporter(out, redactor, verbosity, colour, warnings, settings.resultFormat()));
    }
}
