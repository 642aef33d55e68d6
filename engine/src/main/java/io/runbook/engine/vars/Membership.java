package io.runbook.engine.vars;

/** Jinja's {@code in} and equality for tests and filters: Python's semantics ({@link PyOps}, {@link PyValues}). */
final class Membership {
    private Membership() {
    }

    static boolean contains(Object container, Object value) {
        return PyOps.contains(container, value);
    }

    static boolean same(Object a, Object b) {
        return PyValues.equal(a, b);
    }
}
