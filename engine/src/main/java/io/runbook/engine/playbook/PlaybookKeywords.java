package io.runbook.engine.playbook;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keywords the parser accepts where: the task parser's own sets, and copies of them for tools that describe
 * playbooks (the JSON Schema for editors).
 */
public final class PlaybookKeywords {
    /** The keys of a task besides its action. */
    static final Set<String> TASK = union(KeywordParser.NAMES, Set.of("name", "register", "loop", "loop_control",
            "until", "retries", "delay", "failed_when", "changed_when", "args", "become", "become_user", "become_method",
            "become_flags", "become_exe", "listen", "action", "local_action", "connection", "remote_user", "port",
            "collections", "module_defaults", "debugger", "async", "poll"), LoopParser.KEYS);
    static final Set<String> BLOCK = union(KeywordParser.NAMES, Set.of("name", "block", "rescue", "always",
            "become", "become_user", "become_method", "become_flags", "become_exe", "connection", "remote_user", "port",
            "collections", "module_defaults", "debugger"), Set.of());
    /** import_tasks takes every task keyword, which its tasks inherit. */
    private static final Set<String> IMPORT_TASKS = union(TASK, Set.of("import_tasks"));

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
        return new TreeSet<>(TASK);
    }

    /** The keys of a block. */
    public static Set<String> block() {
        return new TreeSet<>(BLOCK);
    }

    /** The keys of an {@code import_tasks} entry. */
    public static Set<String> importTasks() {
        return new TreeSet<>(IMPORT_TASKS);
    }

    /** The keys of {@code loop_control}. */
    public static Set<String> loopControl() {
        return new TreeSet<>(LoopParser.LOOP_CONTROL_KEYS);
    }

    /** The keywords plays, blocks and tasks share (and inherit). */
    public static Set<String> inherited() {
        return new TreeSet<>(KeywordParser.NAMES);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> out = new HashSet<>();
        for (Set<String> s : sets) {
            out.addAll(s);
        }
        return Set.copyOf(out);
    }
}
