package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The arguments include_tasks and import_tasks take, as Ansible's TaskInclude.check_options checks them. */
final class TaskFileArgs {
    /** The file, by name or as the free form's text (include_tasks' {@code apply} is taken out before this check). */
    private static final Set<String> VALID = Set.of("file", "_raw_params");

    private TaskFileArgs() {
    }

    /**
     * Refuses any other argument, as Ansible's {@code Invalid options for include_tasks: NAME}: a free form such as
     * {@code "inc{{ x == 1 }}.yml"} splits at its {@code =} into such a name.
     */
    static void refuseOthers(Map<String, Object> args, SourcePosition where, String action) {
        List<String> bad = args.keySet().stream().filter(k -> !VALID.contains(k)).toList();
        if (!bad.isEmpty()) {
            throw new UserError(where, "Invalid options for " + action + ": " + String.join(",", bad));
        }
    }
}
