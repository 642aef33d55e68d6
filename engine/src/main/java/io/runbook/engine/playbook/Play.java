package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One play. Task lists carry the play's keywords already; the play's own {@code vars} and
 * {@code vars_files} are kept apart because their precedence differs from block and task vars.
 * {@code connection} is the play's {@code connection:} keyword (null when unset): as in Ansible, a host's
 * own {@code ansible_connection} wins over it.
 */
public record Play(String name, SourcePosition position, String hosts, SourcePosition hostsPosition,
                   Map<String, Object> vars, List<VarsFile> varsFiles, List<Object> serial, Double maxFailPercentage,
                   boolean anyErrorsFatal, String strategy, boolean forceHandlers, Keywords keywords,
                   List<TaskNode> preTasks, List<TaskNode> tasks, List<TaskNode> postTasks, List<Task> handlers,
                   Path baseDir, String connection, SourcePosition connectionPosition) {

    public String displayName() {
        return name != null ? name : hosts;
    }
}
