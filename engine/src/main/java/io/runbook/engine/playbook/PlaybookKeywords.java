package io.runbook.engine.playbook;

import java.util.Set;
import java.util.TreeSet;

/** The keywords the parser accepts where, for tools that describe playbooks (the JSON Schema for editors). */
public final class PlaybookKeywords {
    private PlaybookKeywords() {
    }

    /** The keys of a play. */
    public static Set<String> play() {
        Set<String> keys = new TreeSet<>(PlaybookParser.PLAY_KEYS);
        keys.add("user");  // Ansible's older name of remote_user, read as it when the play is parsed
        return keys;
    }

    /** The keys of an {@code import_playbook} entry. */
    public static Set<String> importPlaybook() {
        return new TreeSet<>(PlaybookParser.IMPORT_PLAYBOOK_KEYS);
    }

    /** The keys of a task besides its action. */
    public static Set<String> task() {
        return new TreeSet<>(TaskParser.TASK_KEYS);
    }

    /** The keys of a block. */
    public static Set<String> block() {
        return new TreeSet<>(TaskParser.BLOCK_KEYS);
    }

    /** The keys of an {@code import_tasks} entry. */
    public static Set<String> importTasks() {
        return new TreeSet<>(TaskParser.IMPORT_TASKS_KEYS);
    }

    /** The keys of {@code loop_control}. */
    public static Set<String> loopControl() {
        return new TreeSet<>(TaskParser.LOOP_CONTROL_KEYS);
    }

    /** The keywords plays, blocks and tasks share (and inherit). */
    public static Set<String> inherited() {
        return new TreeSet<>(KeywordParser.NAMES);
    }
}
