package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;

/**
 * Implemented by the engine's {@link ModuleContext}: evaluates conditions with the task's variables. For
 * modules that take expressions as arguments, such as {@code assert}.
 */
public interface Expressions {
    boolean test(String expression, SourcePosition where);

    Object evaluate(String expression, SourcePosition where);
}
