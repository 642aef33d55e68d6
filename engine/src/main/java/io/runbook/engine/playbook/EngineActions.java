package io.runbook.engine.playbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The actions the engine itself carries out rather than a module ({@code set_fact}, {@code meta},
 * {@code include_tasks}, {@code import_tasks}): their names, and the documentation {@code engine.jar modules}
 * shows for them beside the modules.
 */
public final class EngineActions {
    /** One documented argument of an engine action. */
    public record Argument(String name, String type, String description) {
    }

    /** An engine action's documentation. */
    public record Action(String name, String description, List<Argument> arguments) {
    }

    private static final List<Argument> ROLE_ARGS = List.of(
            new Argument("name", "str", "the role, found under roles_path or the playbook's roles/ folder"),
            new Argument("tasks_from", "str", "the file of tasks/ to run (default main)"),
            new Argument("vars_from", "str", "the file of vars/ to load (default main)"),
            new Argument("defaults_from", "str", "the file of defaults/ to load (default main)"),
            new Argument("handlers_from", "str", "the file of handlers/ to load (default main)"),
            new Argument("allow_duplicates", "bool", "run the role again with the same parameters (default true)"),
            new Argument("rolespec_validate", "bool", "check the role's meta/argument_specs.yml first (default true)"));

    /** What {@code meta} takes. */
    public static final List<String> META = List.of("flush_handlers", "end_play", "end_batch", "end_host",
            "clear_host_errors", "clear_facts", "refresh_inventory", "reset_connection", "noop");

    private static final Map<String, Action> ACTIONS = new TreeMap<>(Map.of(
            "set_fact", new Action("set_fact", "Set variables of the host for the rest of the run (facts; rendered now)",
                    List.of(new Argument("NAME", "any", "each key is a variable to set to its value (null too)"),
                            new Argument("cacheable", "bool", "accepted for compatibility; facts live for the run"))),
            "meta", new Action("meta", "Engine control: " + String.join(", ", META),
                    List.of(new Argument("(free form)", "str", "one of " + String.join("|", META)))),
            "include_tasks", new Action("include_tasks", "Run the tasks of a file, chosen when the task runs (may loop; the name may be a template)",
                    List.of(new Argument("file", "path", "the task file, relative to the including file's folder (or free form)"))),
            "import_tasks", new Action("import_tasks", "Insert the tasks of a file when the playbook is read (static; the name is literal)",
                    List.of(new Argument("(free form)", "path", "the task file, relative to the importing file's folder"))),
            "include", new Action("include", "Legacy form of import_tasks (literal name, no loop) or include_tasks",
                    List.of(new Argument("(free form)", "path", "the task file; further key=value words are its variables"))),
            "import_role", new Action("import_role", "Insert a role's tasks when the playbook is read (static)", ROLE_ARGS),
            "include_role", new Action("include_role", "Run a role's tasks, chosen when the task runs (may loop)",
                    withApply()),
            "include_vars", new Action("include_vars", "Load variables from a YAML file or a folder of them",
                    List.of(new Argument("file", "path", "the file (or free form), relative to vars/ in a role, then the task's folder"),
                            new Argument("dir", "path", "a folder whose .yml/.yaml/.json files load in name order"),
                            new Argument("name", "str", "put the variables under this one name"),
                            new Argument("files_matching", "str", "with dir: only file names matching this regex"),
                            new Argument("ignore_files", "list", "with dir: file names to skip"),
                            new Argument("depth", "int", "with dir: how deep to look (0: no limit)")))));

    private static List<Argument> withApply() {
        List<Argument> out = new java.util.ArrayList<>(ROLE_ARGS);
        out.add(new Argument("apply", "dict", "keywords given to every task of the role"));
        out.add(new Argument("public", "bool", "make the role's defaults and vars visible after it (default false)"));
        return List.copyOf(out);
    }

    /** The names of the engine's own actions. */
    public static final Set<String> NAMES = Set.copyOf(ACTIONS.keySet());

    private EngineActions() {
    }

    public static Optional<Action> find(String name) {
        return Optional.ofNullable(ACTIONS.get(name));
    }

    /** Every engine action, by name. */
    public static List<Action> all() {
        return List.copyOf(ACTIONS.values());
    }
}
