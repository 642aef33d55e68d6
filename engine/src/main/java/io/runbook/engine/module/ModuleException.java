package io.runbook.engine.module;

/**
 * A module's clean failure: the task fails with this message (no stack trace). Use {@link #unreachable}
 * when the host itself could not be reached.
 */
public class ModuleException extends Exception {
    private final boolean unreachable;

    public ModuleException(String message) {
        this(message, false, null);
    }

    public ModuleException(String message, Throwable cause) {
        this(message, false, cause);
    }

    private ModuleException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public static ModuleException unreachable(String message, Throwable cause) {
        return new ModuleException(message, true, cause);
    }

    public boolean isUnreachable() {
        return unreachable;
    }
}
