package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.ArgSplitter;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The include decisions of a {@link TaskParser}: whether a legacy {@code include:} is static, where a named task file
 * is, whether an import may be read (its name literal, its file there, no cycle), and how many dynamic includes
 * (include_tasks, include_role) the tasks being read come from at run time.
 */
final class TaskIncludes {
    private final Path playbookDir;
    private final Deque<Path> importStack = new ArrayDeque<>();
    /** How many dynamic includes the tasks being read come from, at run time. */
    private int dynamicDepth;
    /** Told of each file a static import brings in (ansible-playbook's "statically imported:" at -vv). */
    private java.util.function.Consumer<Path> onImport = file -> { };

    TaskIncludes(Path playbookDir) {
        this.playbookDir = playbookDir;
    }

    void onImport(java.util.function.Consumer<Path> told) {
        this.onImport = told;
    }

    /** Runs {@code read} for tasks that come from one more dynamic include. */
    <T> T dynamic(Supplier<T> read) {
        dynamicDepth++;
        try {
            return read.get();
        } finally {
            dynamicDepth--;
        }
    }

    /** The key of a legacy include in {@code map} ({@code include} or its builtin names) if it is static, else null. */
    String staticIncludeKey(YMap map) {
        for (String key : ActionReader.names("include")) {
            if (map.has(key)) {
                return isStaticInclude(map, key) ? key : null;
            }
        }
        return null;
    }

    /**
     * A legacy {@code include:} is static when its file name has no template, it does not loop and no include_tasks or
     * include_role it comes from is dynamic (Ansible's all_parents_static).
     */
    private boolean isStaticInclude(YMap map, String key) {
        String file = map.get(key).map(TaskIncludes::includedName).orElse("");
        return dynamicDepth == 0 && !file.contains("{{")
                && map.entries().stream().noneMatch(e -> LoopParser.isLoopKey(e.key()));
    }

    /**
     * The refusal of {@code static:} on a task whose action is {@code action}, in ansible-core 2.14's words (it no longer
     * has the keyword, on any task: the class it names is the task's kind).
     */
    static UserError staticRefused(YMap task, String action, boolean handler) {
        String kind = Set.of("include", "include_tasks", "import_tasks").contains(action) ? handler ? "HandlerTaskInclude" : "TaskInclude"
                : Set.of("include_role", "import_role").contains(action) ? "IncludeRole" : handler ? "Handler" : "Task";
        return new UserError(task.entry("static").orElseThrow().keyPosition(), "'static' is not a valid attribute for a " + kind,
                "leave it out: import_tasks and import_role are static, include_tasks and include_role dynamic");
    }

    /**
     * The file name a legacy include gives, as Ansible's static test reads it ({@code _raw_params}): without its
     * {@code key=value} words, whose templates do not make the include dynamic.
     */
    private static String includedName(YNode value) {
        Object plain = value.toPlain();
        if (value instanceof YScalar s && plain instanceof String text) {
            return String.valueOf(ArgSplitter.keyValues(text, s.position()).getOrDefault("_raw_params", ""));
        }
        if (plain instanceof java.util.Map<?, ?> m) {
            return String.valueOf(m.containsKey("file") ? m.get("file") : m.get("_raw_params"));
        }
        return String.valueOf(plain);
    }

    /**
     * A task file named in a role is looked for in the role's tasks/ first, then as written; a name in quotes (a
     * free-form {@code include "file.yml"}) without them, as Ansible's path_dwim takes it.
     */
    Path resolveTaskFile(Path baseDir, String written, RoleScope scope) {
        String fileName = ArgSplitter.unquote(written);
        Path file = baseDir.resolve(fileName).normalize();
        if (!Files.isRegularFile(file) && scope != null) {
            Path inRole = scope.role().path().resolve("tasks").resolve(fileName).normalize();
            if (Files.isRegularFile(inRole)) {
                return inRole;
            }
            // Ansible's path_dwim_relative ends with the playbook's folder
            Path besidePlaybook = playbookDir.resolve(fileName).normalize();
            if (Files.isRegularFile(besidePlaybook)) {
                return besidePlaybook;
            }
        }
        return file;
    }

    /** The file a static import (import_tasks, static include) names, refused if it is a template, absent or a cycle. */
    Path importedFile(String action, String fileName, Path baseDir, RoleScope scope, SourcePosition where) {
        if (fileName.contains("{{")) {
            throw new UserError(where, action + " is static: its file name cannot be a template (use include_tasks)");
        }
        Path file = resolveTaskFile(baseDir, fileName, scope);
        if (!Files.isRegularFile(file)) {
            throw new UserError(where, "task file not found: " + file);
        }
        if (importStack.contains(file)) {
            throw new UserError(where, action + " cycle: " + file + " imports itself");
        }
        onImport.accept(file);
        return file;
    }

    /** Runs {@code read} while the tasks of the imported {@code file} are read (for cycle detection). */
    <T> T importing(Path file, Supplier<T> read) {
        importStack.push(file);
        try {
            return read.get();
        } finally {
            importStack.pop();
        }
    }
}
