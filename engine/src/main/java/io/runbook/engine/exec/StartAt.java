package io.runbook.engine.exec;

import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.vars.Fnmatch;
import java.util.List;

/**
 * Which task {@code --start-at-task} names, as ansible-core 2.14's PlayIterator finds it: among the tasks the tags
 * select, the first whose name as written or whose shown name ({@code role : name}, {@code include_role : web}) equals
 * the pattern or matches it as Python's fnmatch. An include is one task there: the tasks it brings are only known once
 * it runs, so the pattern can name the include itself but nothing inside an {@code include_tasks} file or an
 * {@code include_role} role (Ansible: "--start-at-task can only follow static includes").
 */
final class StartAt {
    private StartAt() {
    }

    /** Whether the task or include is the one the pattern names. */
    static boolean names(TaskNode node, String pattern) {
        if (node instanceof Task t) {
            return matches(t.name(), pattern) || matches(t.displayName(), pattern);
        }
        if (node instanceof Include inc) {
            return matches(inc.name(), pattern) || matches(inc.displayName(), pattern);
        }
        return false;
    }

    /**
     * Whether a task the tags select in these nodes (blocks, roles, always sections) is the one named; not one of a
     * rescue, which only a failure leads to (nothing runs before the start).
     */
    static boolean holds(List<TaskNode> nodes, String pattern, TagFilter tags) {
        for (TaskNode node : nodes) {
            if (node instanceof Block b) {
                if (holds(b.block(), pattern, tags) || holds(b.always(), pattern, tags)) {
                    return true;
                }
            } else if (selected(node, tags) && names(node, pattern)) {
                return true;
            }
        }
        return false;
    }

    static boolean selected(TaskNode node, TagFilter tags) {
        return node instanceof Task t ? tags.runs(t.keywords().tags())
                : node instanceof Include inc && tags.runs(inc.keywords().tags());
    }

    /** The name equals the pattern or matches it as {@code fnmatch.fnmatch(name, pattern)}. */
    static boolean matches(String name, String pattern) {
        return name != null && !name.isEmpty() && (name.equals(pattern) || Fnmatch.pattern(pattern).matcher(name).matches());
    }
}
