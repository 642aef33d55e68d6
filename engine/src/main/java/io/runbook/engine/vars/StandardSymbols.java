package io.runbook.engine.vars;

import com.hubspot.jinjava.tree.parse.DefaultTokenScannerSymbols;

/**
 * Jinja's delimiters as Jinjava's default symbols give them, with each two-character delimiter a constant: Jinjava
 * builds them on first use by string concatenation of a char, and the first such concatenation in a process makes
 * the JVM generate a handful of method-handle classes (several milliseconds of a syntax check), which the class-data
 * archive cannot hold on Java 17.
 */
final class StandardSymbols extends DefaultTokenScannerSymbols {
    private static final long serialVersionUID = 1L;

    @Override
    public String getExpressionStart() {
        return "{{";
    }

    @Override
    public String getExpressionEnd() {
        return "}}";
    }

    @Override
    public String getExpressionStartWithTag() {
        return "{%";
    }

    @Override
    public String getExpressionEndWithTag() {
        return "%}";
    }

    @Override
    public String getOpeningComment() {
        return "{#";
    }

    @Override
    public String getClosingComment() {
        return "#}";
    }
}
