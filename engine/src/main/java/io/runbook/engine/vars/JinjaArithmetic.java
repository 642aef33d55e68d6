package io.runbook.engine.vars;

import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    /** Lists concatenate ({@code a + b}); a string on either side joins as text, numbers written as in templates. */
    @Override
    public Object add(Object left, Object right) {
        if (left instanceof Collection<?> a && right instanceof Collection<?> b) {
            List<Object> joined = new ArrayList<>(a);
            joined.addAll(b);
            return joined;
        }
        if (left instanceof CharSequence || right instanceof CharSequence) {
            return ValueText.of(left) + ValueText.of(right);
        }
        return super.add(left, right);
    }

    /** A string times a whole number repeats it, as in Jinja: {@code '-' * 3} is {@code ---}. */
    @Override
    public Object multiply(Object left, Object right) {
        if (left instanceof CharSequence text && isWhole(right)) {
            return text.toString().repeat(Math.max(0, ((Number) right).intValue()));
        }
        return super.multiply(left, right);
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
