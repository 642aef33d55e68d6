package io.runbook.modules.mail;

import io.runbook.engine.module.Result;

/**
 * A failure of the mail module worded as community.general.mail words it ({@code Unable to Connect host:port: …}), with
 * its {@code rc: 1}. Messages never contain the password: they are made from the server's answers and the host.
 */
final class MailFailure extends Exception {
    MailFailure(String message) {
        super(message, null, false, false);
    }

    /** The failed result as community.general.mail registers it: {@code msg} and {@code rc}. */
    Result result() {
        return Result.failed(getMessage()).with("rc", 1);
    }
}
