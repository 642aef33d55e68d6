package io.runbook.engine.vars;

import java.util.Map;

/**
 * The home folder {@code ~} means on the controller, as Python's {@code os.path.expanduser} finds it: the environment's
 * {@code HOME} when it is set, else the account's home (Java's {@code user.home}, from the account database). Ansible
 * expands {@code ~} so in everything it does on the controller and in the modules it runs there (the local connection:
 * they inherit its environment), so {@code HOME=/tmp/x ansible-playbook …} puts {@code ~/f} in {@code /tmp/x}. Only its
 * action plugins' own expansion (copy's and template's {@code dest}, fetch's {@code src}, …) asks the account database.
 */
public final class HomeDir {
    private HomeDir() {
    }

    /** The controller's {@code ~}. */
    public static String controller() {
        return of(System.getenv());
    }

    /** {@code ~} for a process with this environment (a module's: the task's {@code environment} over the engine's). */
    public static String of(Map<String, String> environment) {
        String home = environment.get("HOME");
        return home != null ? home : System.getProperty("user.home");
    }

    /**
     * {@code ~} for a module or a tool (kubectl's client, helm) the engine runs with a task's {@code environment}: its
     * {@code HOME}, else the controller's.
     */
    public static String forTask(Map<String, String> taskEnvironment) {
        String home = taskEnvironment.get("HOME");
        return home != null ? home : controller();
    }

    /** {@code ~} and {@code ~/path} with the controller's home; any other text as it is. */
    public static String expand(String path) {
        return expand(path, controller());
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
