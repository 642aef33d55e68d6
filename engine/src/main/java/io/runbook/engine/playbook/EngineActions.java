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

    /** What {@code meta} takes. */
    public static final List<String> META = List.of("flush_handlers", "end_play", "end_host", "clear_host_errors", "noop");

    private static final Map<String, Action> ACTIONS = new TreeMap<>(Map.of(
            "set_fact", new Action("set_fact", "Set variables of the host for the rest of the run (facts; rendered now)",
                    List.of(new Argument("NAME", "any", "each key is a variable to set to its value (null too)"),
                            new Argument("cacheable", "bool", "accepted for compatibility; facts live for the run"))),
            "meta", new Action("meta", "Engine control: flush_handlers, end_play, end_host, clear_host_errors, noop",
                    List.of(new Argument("(free form)", "str", "one of " + String.join("|", META)))),
            "include_tasks", new Action("include_tasks", "Run the tasks of a file, chosen when the task runs (may loop; the name may be a template)",
                    List.of(new Argument("file", "path", "the task file, relative to the including file's folder (or free form)"))),
            "import_tasks", new Action("import_tasks", "Insert the tasks of a file when the playbook is read (static; the name is literal)",
                    List.of(new Argument("(free form)", "path", "the task file, relative to the importing file's folder")))));

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
