package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;

/** An entry of a task list: a task, a block, or a dynamic include. */
public sealed interface TaskNode permits Task, Block, Include {
    String name();

    SourcePosition position();

    /** Keywords with everything inherited from enclosing blocks and the play already applied. */
    Keywords keywords();

    /** The role this node belongs to, or null outside roles. */
    RoleScope role();
}
