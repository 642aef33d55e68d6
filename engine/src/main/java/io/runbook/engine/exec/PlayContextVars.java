package io.runbook.engine.exec;

import io.runbook.engine.vars.VarScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What ansible-core 2.14's task executor adds for a task's {@code when} and the templates of its arguments (its play
 * context's {@code update_vars}): the SSH password of the command line ({@code -k}, {@code --connection-password-file})
 * as {@code ansible_password} and {@code ansible_ssh_pass}, each where no variable has that name. Not the become
 * password, which update_vars leaves out, nor for what the action sees ({@code debug: var=}, {@code vars},
 * {@code hostvars}, loop items): there neither is a variable (checked with Debian's ansible-playbook).
 */
final class PlayContextVars {
    private static final List<String> PASSWORD_NAMES = List.of("ansible_password", "ansible_ssh_pass");

    private PlayContextVars() {
    }

    /** {@code vars} with the command line's SSH password under its two names on top where they are not set. */
    static VarScope of(RunState run, VarScope vars) {
        Object password = run.options.commandLinePasswords().get("ansible_password");
        if (password == null) {
            return vars;
        }
        Map<String, Object> top = new LinkedHashMap<>();
        for (String name : PASSWORD_NAMES) {
            if (!vars.containsKey(name)) {
                top.put(name, password);
            }
        }
        return top.isEmpty() ? vars : vars.with(top);
    }
}
