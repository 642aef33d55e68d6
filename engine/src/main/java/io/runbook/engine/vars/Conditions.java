package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.util.List;
import java.util.Map;

/**
 * Evaluates {@code when}, {@code failed_when}, {@code changed_when} and {@code until}: Jinja-style expressions
 * written bare ({@code result.rc != 0 and 'x' in result.stdout}) or wrapped in one {@code {{ }}}. A value that
 * is not a boolean counts by Jinja's truthiness. Thread-safe; parsed expressions are cached for the run.
 */
public final class Conditions {
    private final ExpressionEngine engine;

    public Conditions() {
        this(new ExpressionEngine());
    }

    Conditions(ExpressionEngine engine) {
        this.engine = engine;
    }

    /** True when the expression holds. Undefined variables fail unless tested with is defined/undefined or default. */
    public boolean test(String expression, Map<String, Object> vars, SourcePosition where) {
        return Truthiness.of(evaluate(expression, vars, where));
    }

    /** Finds a malformed expression, unknown filter or unknown test without evaluating (no variables needed). */
    public void check(String expression, SourcePosition where) {
        try {
            engine.compile(unwrap(expression));
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    /** The value of the expression (a list stays a list, a number a number). */
    public Object evaluate(String expression, Map<String, Object> vars, SourcePosition where) {
        String bare = unwrap(expression);
        try {
            CompiledExpression compiled = engine.compile(bare);
            return engine.evaluate(compiled, List.of(vars == null ? Map.of() : vars));
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    /** Accepts {@code "{{ x }}"} for what should be {@code "x"}, as Ansible does (with a warning there). */
    static String unwrap(String expression) {
        if (expression == null) {
            return "";
        }
        String inner = SingleExpression.of(expression.strip());
        return inner != null ? inner : expression.strip();
    }
}
