package io.runbook.engine.vars;

/** Recognises a string that is exactly one {@code {{ expression }}}, the case where a value keeps its type. */
final class SingleExpression {
    private static final String SIGILS = "#^/!>&{=<$";

    private SingleExpression() {
    }

    /** The expression inside, or null when the text is anything else (text around it, several tags, a section). */
    static String of(String text) {
        String t = text;
        if (!t.startsWith("{{") || !t.endsWith("}}") || t.length() < 5) {
            return null;
        }
        String inner = t.substring(2, t.length() - 2);
        if (inner.contains("{{") || inner.contains("}}")) {
            return null;
        }
        String expression = inner.strip();
        if (expression.isEmpty() || SIGILS.indexOf(expression.charAt(0)) >= 0) {
            return null;
        }
        return expression;
    }
}
