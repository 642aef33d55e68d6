package io.runbook.engine.vars;

/**
 * The value of a missing variable where missing is allowed: only the operand of {@code default(...)},
 * {@code is defined} and {@code is undefined} ever sees it.
 */
enum Undefined {
    VALUE;

    @Override
    public String toString() {
        return "undefined";
    }
}
