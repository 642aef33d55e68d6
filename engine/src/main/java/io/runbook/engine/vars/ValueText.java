package io.runbook.engine.vars;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;

/**
 * How values become text: Python's str() (see {@link PyValues}), and JSON and YAML for to_json/to_yaml.
 */
final class ValueText {
    /** Loaded on first use only: Jackson is slow to start and most runs never write JSON. */
    private static final class Json {
        static final ObjectMapper COMPACT = new ObjectMapper();
        static final ObjectMapper NICE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private ValueText() {
    }

    /** Python's str() of a value (None is {@code None}, containers their repr). */
    static String of(Object value) {
        return PyValues.str(value);
    }

    /**
     * The text a Python function that takes only str is given: another value (a number, None, a list) fails with the
     * words {@code refusal} makes of its Python type name, as that function's TypeError.
     */
    static String only(Object value, java.util.function.UnaryOperator<String> refusal) {
        if (value instanceof CharSequence || value instanceof Undefined) {
            return of(value);
        }
        throw new ExpressionFailure(refusal.apply(PyValues.typeName(value)));
    }

    static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return n.toString();
        }
        if (n instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }

    static String json(Object value, boolean nice) {
        try {
            return (nice ? Json.NICE : Json.COMPACT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ExpressionFailure("to_json: cannot write this value as JSON: " + e.getOriginalMessage());
        }
    }
}
