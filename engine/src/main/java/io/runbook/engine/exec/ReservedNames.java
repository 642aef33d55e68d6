package io.runbook.engine.exec;

import io.runbook.engine.playbook.Play;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ansible's warning for a play-level variable named as a playbook keyword or a Jinja global ({@code timeout},
 * {@code port}, {@code environment}, {@code name}, {@code range}, ...): {@code Found variable using reserved name: X},
 * printed before each batch's banner, as ansible-playbook's TaskQueueManager.run does for the variables of the play
 * without a host (play vars and vars_prompt answers, vars_files whose name is no template, the play's roles' defaults
 * and vars, extra vars). Such a variable is usable, but shadows or is shadowed by what the name already means.
 */
final class ReservedNames {
    /** ansible-core 2.14's reserved names (the attributes of Play, Role, Block and Task, local_action, with_). */
    private static final Set<String> RESERVED = Set.of("action", "always", "any_errors_fatal", "args", "async", "async_val",
            "become", "become_exe", "become_flags", "become_method", "become_user", "block", "changed_when", "check_mode",
            "collections", "connection", "debugger", "delay", "delegate_facts", "delegate_to", "diff", "environment",
            "fact_path", "failed_when", "force_handlers", "gather_facts", "gather_subset", "gather_timeout", "handlers", "hosts",
            "ignore_errors", "ignore_unreachable", "local_action", "loop", "loop_control", "loop_with", "max_fail_percentage",
            "module_defaults", "name", "no_log", "notify", "order", "poll", "port", "post_tasks", "pre_tasks", "register",
            "remote_user", "rescue", "retries", "roles", "run_once", "serial", "strategy", "tags", "tasks", "throttle", "timeout",
            "until", "vars_files", "vars_prompt", "when", "with_");
    /** The Jinja globals Ansible's templar has, which it adds to the reserved names there. */
    private static final Set<String> GLOBALS = Set.of("cycler", "dict", "joiner", "lipsum", "lookup", "namespace", "now", "q",
            "query", "range", "undef");

    private ReservedNames() {
    }

    /** The warnings for the play, in name order (Ansible's order is a Python set's). */
    static List<String> warnings(RunState run, Play play, VarsFilesLayer varsFiles) {
        Set<String> names = new TreeSet<>(play.vars().keySet());
        names.addAll(RoleVars.publicDefaults(play.roles()).keySet());
        names.addAll(RoleVars.publicVars(play.roles()).keySet());
        names.addAll(run.options.extraVars().keySet());
        names.addAll(varsFiles.literalNames());
        return names.stream().filter(n -> RESERVED.contains(n) || GLOBALS.contains(n))
                .map(n -> "Found variable using reserved name: " + n).toList();
    }
}
