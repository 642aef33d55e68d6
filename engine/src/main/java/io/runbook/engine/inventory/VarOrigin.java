package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;

/**
 * Where an inventory variable was set: the position of its key and the layer it belongs to, such as
 * {@code inventory group 'cp'} or {@code playbook host_vars}.
 */
public record VarOrigin(SourcePosition position, String layer) {
    @Override
    public String toString() {
        return position + " (" + layer + ")";
    }
}
