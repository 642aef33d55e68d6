package io.runbook.engine.vars;

/** Python's truthiness: None, False, 0, and empty strings, lists and dicts are false; everything else is true. */
final class Truthiness {
    private Truthiness() {
    }

    static boolean of(Object value) {
        return PyValues.truthy(value);
    }
}
