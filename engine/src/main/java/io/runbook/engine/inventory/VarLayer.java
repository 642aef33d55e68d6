package io.runbook.engine.inventory;

import java.util.Map;

/**
 * One set of variables applied to a host in merge order: a group's inline vars, a group_vars file, ...
 *
 * @param stage    the kind of layer ({@code inventory group}, {@code playbook group_vars}, ...)
 * @param owner    the group or host the layer belongs to, or null (the host's inline vars)
 * @param group    whether the owner is a group; only group layers have a meaningful depth and priority
 */
record VarLayer(String stage, String owner, boolean group, int depth, int priority, Map<String, PositionedValue> vars) {

    static VarLayer ofHost(String stage, String owner, Map<String, PositionedValue> vars) {
        return new VarLayer(stage, owner, false, 0, 0, vars);
    }

    static VarLayer ofGroup(String stage, Group group, Map<String, PositionedValue> vars) {
        return new VarLayer(stage, group.name(), true, group.depth(), group.priority(), vars);
    }

    /** The name shown by --explain, such as {@code inventory group 'eu'}. */
    String layer() {
        return owner == null ? stage : stage + " '" + owner + "'";
    }

    /** Whether this layer and an earlier one are sibling groups whose order only their names decide. */
    boolean tiesWith(VarLayer earlier) {
        return group && earlier.group && !owner.equals(earlier.owner) && stage.equals(earlier.stage)
                && depth == earlier.depth && priority == earlier.priority;
    }
}
