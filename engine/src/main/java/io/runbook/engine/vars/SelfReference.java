package io.runbook.engine.vars;

import java.util.List;

/** A variable whose value, once rendered, needs itself: {@code a: "{{ b }}"}, {@code b: "{{ a }}"}. */
final class SelfReference extends ExpressionFailure {

    SelfReference(List<String> chain, String again) {
        super("variable '" + again + "' refers to itself: " + String.join(" → ", chain) + " → " + again);
    }

    /** The chain already says where it happens. */
    @Override
    ExpressionFailure withDetail(String detail) {
        return this;
    }
}
