package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.util.Map;

/**
 * Evaluates {@code when}, {@code failed_when}, {@code changed_when}, {@code until} and {@code assert: that}: Jinja
 * expressions written bare ({@code result.rc != 0 and 'x' in result.stdout}) or wrapped in one {@code {{ }}}. A
 * value that is not a boolean counts by Python's truthiness. Thread-safe; shares the run's {@link Templar}.
 */
public final class Conditions {
    private final Templar templar;

    public Conditions() {
        this(new Templar());
    }

    public Conditions(Templar templar) {
        this.templar = templar;
    }

    /** True when the expression holds. Undefined variables fail unless tested with is defined/undefined or default. */
    public boolean test(String expression, Map<String, Object> vars, SourcePosition where) {
        Object value = evaluate(expression, vars, where);
        return PyValues.truthy(value);
    }

    /** Finds a malformed expression, unknown filter, test or lookup without evaluating (no variables needed). */
    public void check(String expression, SourcePosition where) {
        templar.call(where, () -> {
            templar.jinja.checkExpression(unwrap(expression));
            return null;
        });
    }

    /** The value of the expression (a list stays a list, a number a number). */
    public Object evaluate(String expression, Map<String, Object> vars, SourcePosition where) {
        return templar.call(where, () -> templar.jinja.evaluate(unwrap(expression), vars == null ? Map.of() : vars,
                Templar.baseDir(where)));
    }

    /** Accepts {@code "{{ x }}"} for what should be {@code "x"}, as Ansible does (with a warning there). */
    static String unwrap(String expression) {
        if (expression == null || expression.isBlank()) {
            return "True";
        }
        String s = expression.strip();
        if (s.startsWith("{{") && s.endsWith("}}") && s.indexOf("{{", 2) < 0) {
            String inner = s.substring(2, s.length() - 2).strip();
            return inner.isEmpty() ? "None" : inner;
        }
        return s;
    }
}
