package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;

/**
 * Implemented by the engine's {@link ModuleContext}: evaluates conditions with the task's variables. For
 * modules that take expressions as arguments, such as {@code assert}.
 */
public interface Expressions {
    boolean test(String expression, SourcePosition where);

    Object evaluate(String expression, SourcePosition where);

    /** The argument as the task wrote it, before templating; null when it is not known (it came from a variable). */
    default Object written(String name) {
        return null;
    }

    /** Prints a warning as Ansible's display does (once per run), outside the task's registered result. */
    default void displayWarning(String message) {
    }
}
