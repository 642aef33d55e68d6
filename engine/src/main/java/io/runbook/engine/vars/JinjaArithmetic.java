package io.runbook.engine.vars;

import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;

/** JEXL arithmetic with Jinja's truthiness (and/or/?:), true division, and 'in' (behind JEXL's =~ and !~). */
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

    /** Jinja's '/' is true division: 10 / 4 is 2.5, not Java's 2 (10 / 5 stays the whole number 2). */
    @Override
    public Object divide(Object left, Object right) {
        if (isWhole(left) && isWhole(right) && ((Number) right).longValue() != 0
                && ((Number) left).longValue() % ((Number) right).longValue() != 0) {
            return ((Number) left).doubleValue() / ((Number) right).doubleValue();
        }
        return super.divide(left, right);
    }

    private static boolean isWhole(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    @Override
    public Boolean contains(Object container, Object value) {
        return Membership.contains(container, value);
    }
}
