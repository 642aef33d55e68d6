package io.runbook.engine.vars;

import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;

/** JEXL arithmetic with Jinja's truthiness (for and/or/not/?:) and Jinja's 'in' (behind JEXL's =~ and !~). */
final class JinjaArithmetic extends JexlArithmetic {

    JinjaArithmetic() {
        super(true);
    }

    private JinjaArithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new JinjaArithmetic(strict, context, scale);
    }

    @Override
    public boolean toBoolean(Object value) {
        return Truthiness.of(value);
    }

    @Override
    protected boolean toBoolean(boolean strict, Object value) {
        return Truthiness.of(value);
    }

    @Override
    public Boolean contains(Object container, Object value) {
        return Membership.contains(container, value);
    }
}
