package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.util.List;

/**
 * {@code block}/{@code rescue}/{@code always}; the children already carry the block's inherited keywords. A block
 * with a {@code roleBody} is one use of a role (its dependencies' blocks, then its tasks): a role that already ran on
 * a host is skipped there unless it allows duplicates.
 */
public record Block(String name, List<TaskNode> block, List<TaskNode> rescue, List<TaskNode> always,
                    SourcePosition position, Keywords keywords, RoleScope roleBody) implements TaskNode {
    public Block {
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }

    public Block(String name, List<TaskNode> block, List<TaskNode> rescue, List<TaskNode> always,
                 SourcePosition position, Keywords keywords) {
        this(name, block, rescue, always, position, keywords, null);
    }

    @Override
    public RoleScope role() {
        return roleBody;
    }
}
