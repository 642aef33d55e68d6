package io.runbook.cli.compat;

import java.util.List;
import java.util.Map;

/**
 * One run of the compatibility suite: an ansible-playbook command line of a target's runme.sh (or, for a target
 * without one, the playbook ansible-test generates: its role on {@code testhost} with facts gathered), the
 * environment it ran with, and the folder it ran in (relative to the target).
 */
record CompatCase(String target, List<String> args, Map<String, String> env, String cwd, boolean role) {

    /** A short, unique name: target, then the arguments. */
    String id() {
        return target + (role ? " (role)" : " " + String.join(" ", args)) + (env.isEmpty() ? "" : " " + env);
    }
}
