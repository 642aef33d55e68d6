package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;

/** A plain variable value with the position of the key that set it. */
record PositionedValue(Object value, SourcePosition position) {
}
