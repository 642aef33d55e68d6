package io.runbook.engine.inventory;

import java.util.Map;

/** One set of variables applied to a host in merge order: a group's inline vars, a group_vars file, ... */
record VarLayer(String layer, Map<String, PositionedValue> vars) {
}
