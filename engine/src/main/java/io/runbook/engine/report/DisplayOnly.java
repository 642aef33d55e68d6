package io.runbook.engine.report;

import io.runbook.engine.module.Deprecation;
import java.io.PrintWriter;

/**
 * What ansible-playbook's display prints whatever the stdout callback: warnings, deprecations and errors on stderr, a
 * prompt's text and display's lines on stdout, masked. The engine's own reporters print these through it; alone, it is
 * the engine's output for a run whose stdout callback is a Python plugin that shows the results instead.
 */
public final class DisplayOnly implements RunListener {
    private final PrintWriter out;
    private final Redactor redactor;
    private final WarningDisplay warnings;
    private final int verbosity;

    public DisplayOnly(PrintWriter out, Redactor redactor, WarningDisplay warnings, int verbosity) {
        this.out = out;
        this.redactor = redactor;
        this.warnings = warnings;
        this.verbosity = verbosity;
    }

    /** Display's lines (a pause's question, {@code -v}'s messages at their verbosity), on stdout. */
    @Override
    public synchronized void verbose(int level, String host, String message) {
        if (verbosity >= level) {
            out.println(redactor.redact(host == null ? message : "<" + host + "> " + message));
            out.flush();
        }
    }

    @Override
    public synchronized void terminal(String text) {
        out.print(redactor.redact(text));
        out.flush();
    }

    @Override
    public void warning(String message) {
        warnings.warn(redactor.redact(message));
    }

    @Override
    public void error(String message) {
        warnings.error(redactor.redact(message));
    }

    @Override
    public void hostWarning(String message) {
        warnings.warnUnlessShown(redactor.redact(message));
    }

    @Override
    public void deprecation(Deprecation d) {
        warnings.deprecated(new Deprecation(redactor.redact(d.msg()), d.version(), d.date(), d.collectionName()));
    }

    @Override
    public void interrupted(String reason) {
        warnings.error(redactor.redact(reason));
    }

    @Override
    public void aborted(String message) {
        warnings.fatal(redactor.redact(message));
    }
}
