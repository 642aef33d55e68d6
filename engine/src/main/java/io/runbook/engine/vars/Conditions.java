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

    /** Python's truth of a value a condition gave (or that a condition is, such as a mapping in assert's that). */
    public static boolean truthy(Object value) {
        return PyValues.truthy(value);
    }

    /** Finds a malformed expression, unknown filter, test or lookup without evaluating (no variables needed). */
    public void check(String expression, SourcePosition where) {
        templar.call(where, () -> {
            if (isTemplated(expression)) {
                templar.jinja.check(expression.strip());
            } else {
                templar.jinja.checkExpression(bare(expression));
            }
            return null;
        });
    }

    /**
     * The value of the expression (a list stays a list, a number a number). A condition written with {@code {{ }}}
     * is rendered first and, when that gives text, the text is evaluated as the condition, as Ansible does:
     * {@code when: "{{ flag }}"} with flag 'false' is false, {@code "{{ n }} > 1"} compares numbers; a condition
     * that renders to nothing gives that empty text (false). Text that Ansible's Templar marks unsafe (it read
     * a registered result, a module's fact, a lookup's result, an {@code !unsafe} value) is an error, as Ansible's
     * "Conditional is marked as unsafe, and cannot be evaluated."
     */
    public Object evaluate(String expression, Map<String, Object> vars, SourcePosition where) {
        Map<String, Object> scope = vars == null ? Map.of() : vars;
        java.nio.file.Path base = Templar.baseDir(where);
        // reported as a render's value is: a value shown (debug's var) is used, so a !vault value in it is opened here
        return templar.reported(templar.call(where, () -> {
            if (!isTemplated(expression)) {
                return templar.jinja.evaluate(bare(expression), scope, base);
            }
            Object rendered = templar.jinja.renderCondition(expression.strip(), scope, base);
            if (!(rendered instanceof CharSequence text)) {
                return rendered;
            }
            if (text.isEmpty()) {
                return "";  // as Ansible's conditional: nothing is false ({% if x %}True{% endif %} with x false)
            }
            if (rendered instanceof UnsafeText) {
                // as ansible-core 2.14: text rendered from unsafe data is never evaluated (neither it nor the
                // condition is named: either may hold a secret; the position names the condition)
                throw new ExpressionFailure("Conditional is marked as unsafe, and cannot be evaluated: written with"
                        + " {{ }}, it renders text from unsafe data (a registered result, a fact a module gave, a"
                        + " lookup's result, an !unsafe value), which Ansible never evaluates; write the condition"
                        + " without {{ }} (when: out.rc == 0, not when: \"{{ out.rc }} == 0\")");
            }
            if (text.toString().isBlank()) {
                throw new ExpressionFailure("the condition '" + expression.strip() + "' renders to nothing");
            }
            return templar.jinja.evaluate(text.toString().strip(), scope, base);
        }));
    }

    private static final java.util.regex.Pattern DELIMITED = java.util.regex.Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{#.*?#}",
            java.util.regex.Pattern.DOTALL);

    /**
     * Ansible's warning about a condition written with Jinja's delimiters (a string holding {@code {{ }}}, {@code {% %}}
     * or {@code {# #}}; a list or mapping holding one in a value or key), naming it as Python's str() shows it; null
     * for any other. A condition holding a secret (a vault value) is never named: null.
     */
    public static String delimiterWarning(Object written) {
        if (!holdsTemplate(written) || holdsSecret(written)) {
            return null;
        }
        return "conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: "
                + PyValues.str(written);
    }

    private static boolean holdsTemplate(Object written) {
        return anyLeaf(written, v -> v instanceof CharSequence text && DELIMITED.matcher(text).find(), false, 0);
    }

    /** Nested past any sensible depth counts as holding one: such a condition is never named. */
    private static boolean holdsSecret(Object written) {
        return anyLeaf(written, v -> v instanceof SecretText, true, 0);
    }

    /**
     * Whether {@code leaf} holds for a value inside {@code v} that is neither a list nor a mapping (the keys of a
     * mapping included); {@code tooDeep} for nesting past 100 levels.
     */
    private static boolean anyLeaf(Object v, java.util.function.Predicate<Object> leaf, boolean tooDeep, int depth) {
        if (depth > 100) {
            return tooDeep;
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().anyMatch(x -> anyLeaf(x, leaf, tooDeep, depth + 1));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().anyMatch(e -> anyLeaf(e.getKey(), leaf, tooDeep, depth + 1)
                    || anyLeaf(e.getValue(), leaf, tooDeep, depth + 1));
        }
        return leaf.test(v);
    }

    private static boolean isTemplated(String expression) {
        return expression != null && Jinja.hasTemplate(expression);
    }

    private static String bare(String expression) {
        return expression == null || expression.isBlank() ? "True" : expression.strip();
    }
}
