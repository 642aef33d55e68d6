package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/** A mistake in how an option was written (not in a file it names): reported like any error, exit code 5. */
final class UsageError extends UserError {
    UsageError(String option, String message) {
        super(SourcePosition.of(option), message);
    }
}
