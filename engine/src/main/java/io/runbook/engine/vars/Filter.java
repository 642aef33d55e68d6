package io.runbook.engine.vars;

/** One filter of {@code value | name(args)}; throws {@link ExpressionFailure} for values it cannot take. */
@FunctionalInterface
interface Filter {
    Object apply(Object value, Arguments args);
}
