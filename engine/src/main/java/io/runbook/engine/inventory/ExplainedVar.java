package io.runbook.engine.inventory;

import java.util.List;

/**
 * One merged host variable for {@code --explain}: its final value, where that value came from, and the
 * lower-precedence places that also set it (lowest first), which the final value replaced.
 */
public record ExplainedVar(String name, Object value, VarOrigin origin, List<VarOrigin> overridden) {
    public ExplainedVar {
        overridden = List.copyOf(overridden);
    }
}
