package io.runbook.cli;

import io.runbook.engine.error.UserError;

/** A mistake in how an option was written (not in a file it names): reported like any error, exit code 5. */
final class UsageError extends UserError {
    UsageError(UserError mistake) {
        super(mistake.position(), mistake.getMessage(), mistake.hint());
    }
}
