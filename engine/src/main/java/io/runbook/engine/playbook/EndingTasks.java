package io.runbook.engine.playbook;

import io.runbook.engine.yaml.YMap;
import java.util.Set;

/**
 * Tasks that always end the host's part of the task list they are in: a {@code fail}, or a {@code meta} of
 * {@code end_host}/{@code end_play}/{@code end_batch}, with nothing that could keep it from ending it (no
 * {@code when}, loop, {@code ignore_errors} or {@code failed_when}). The tasks after one are never reached, so the
 * parser treats an include there as one that may not run (Ansible never reads its file).
 */
final class EndingTasks {
    private static final Set<String> FAIL = Set.of("fail", "ansible.builtin.fail", "ansible.legacy.fail");
    private static final Set<String> META = Set.of("meta", "ansible.builtin.meta", "ansible.legacy.meta");
    private static final Set<String> ENDING_META = Set.of("end_host", "end_play", "end_batch");
    private static final Set<String> SPARING = Set.of("when", "ignore_errors", "failed_when");

    private EndingTasks() {
    }

    static boolean endsTheHost(YMap task) {
        for (YMap.Entry e : task.entries()) {
            if (SPARING.contains(e.key()) || LoopParser.isLoopKey(e.key())) {
                return false;
            }
        }
        for (YMap.Entry e : task.entries()) {
            if (FAIL.contains(e.key())) {
                return true;
            }
            if (META.contains(e.key()) && ENDING_META.contains(String.valueOf(e.value().toPlain()).strip())) {
                return true;
            }
        }
        return false;
    }
}
