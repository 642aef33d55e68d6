package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;

/**
 * Implemented by the engine's {@link ModuleContext}: evaluates conditions with the task's variables. For
 * modules that take expressions as arguments, such as {@code assert}.
 */
public interface Expressions {
    boolean test(String expression, SourcePosition where);

    Object evaluate(String expression, SourcePosition where);

    /**
     * {@code value} rendered with the task's variables as the task's arguments are, through the engine's one Templar
     * (its strings recursively; a string that is no template as it is; an undefined variable an
     * {@code UndefinedVariableError}), as an Ansible action's {@code self._templar.template(value)}.
     */
    Object template(Object value, SourcePosition where);

    /** The argument as the task wrote it, before templating; null when it is not known (it came from a variable). */
    default Object written(String name) {
        return null;
    }

    /**
     * Prints a warning outside the task's registered result, as Ansible's display in the worker process that runs the
     * task on the host does: once in that run of the task on the host (its loop items share it), again for the next.
     */
    default void displayWarning(String message) {
    }
}
