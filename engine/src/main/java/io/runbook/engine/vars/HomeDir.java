package io.runbook.engine.vars;

import java.util.Map;

/**
 * The home folder {@code ~} means on the controller, as Python's {@code os.path.expanduser} finds it: the environment's
 * {@code HOME} when it is set, else the account's home (Java's {@code user.home}, from the account database). Ansible
 * expands {@code ~} so in everything it does on the controller and in the modules it runs there (the local connection:
 * they inherit its environment), so {@code HOME=/tmp/x ansible-playbook …} puts {@code ~/f} in {@code /tmp/x}: the run's environment
 * ({@link io.runbook.engine.env.RunEnvironment}) is that environment. Only its
 * action plugins' own expansion (copy's and template's {@code dest}, fetch's {@code src}, …) asks the account database.
 */
public final class HomeDir {
    private HomeDir() {
    }

    /** The controller's {@code ~} in a run with this environment. */
    public static String of(io.runbook.engine.env.RunEnvironment environment) {
        return of(environment.asMap());
    }

    /** {@code ~} for a process with this environment (a module's: the task's {@code environment} over the run's). */
    public static String of(Map<String, String> environment) {
        String home = environment.get("HOME");
        return home != null ? home : System.getProperty("user.home");
    }

    /** {@code ~} and {@code ~/path} with this home; any other text as it is. */
    public static String expand(String path, String home) {
        return path.equals("~") || path.startsWith("~/") ? join(home, path.substring(1)) : path;
    }

    /** The home and the rest of a path after its {@code ~} (empty, or starting with {@code /}), as expanduser joins them. */
    public static String join(String home, String rest) {
        String trimmed = home.replaceAll("/+$", "");
        return rest.isEmpty() ? (trimmed.isEmpty() ? "/" : trimmed) : (trimmed + rest);
    }
}
