package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.util.List;

/** {@code block}/{@code rescue}/{@code always}; the children already carry the block's inherited keywords. */
public record Block(String name, List<TaskNode> block, List<TaskNode> rescue, List<TaskNode> always,
                    SourcePosition position, Keywords keywords) implements TaskNode {
    public Block {
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }
}
