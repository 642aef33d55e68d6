package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;

/**
 * A program that could not be started, or was stopped (task timeout, Ctrl-C): the task fails with a result
 * that still has an {@code rc} (as Ansible gives), so {@code until: r.rc == 0} keeps working.
 */
public final class CommandFailure extends ModuleException {
    private final int rc;
    private final boolean ran;

    public CommandFailure(String message, int rc, boolean ran) {
        super(message);
        this.rc = rc;
        this.ran = ran;
    }

    public int rc() {
        return rc;
    }

    /** Whether the program started (and so may have changed something). */
    public boolean ran() {
        return ran;
    }
}
