package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A task's arguments as written in the playbook, for a module's own checks before anything runs
 * ({@link Module#checkWritten}). Only literal values are known then: an argument that is a template is absent here.
 *
 * @param baseDir the folder of the file that holds the task: relative paths resolve against it
 */
public record WrittenArgs(Map<String, Object> values, Map<String, SourcePosition> positions, SourcePosition task,
                          Path baseDir) {

    /** The written value of {@code name}, unless it is missing or holds a template. */
    public Optional<Object> literal(String name) {
        Object v = values.get(name);
        return v == null || ArgValidator.isTemplate(v) ? Optional.empty() : Optional.of(v);
    }

    /** A literal path argument resolved against {@link #baseDir} (as the module will see it), unless templated. */
    public Optional<Path> literalPath(String name) {
        return literal(name).map(v -> resolve(String.valueOf(v)));
    }

    /**
     * {@code text} as a path, resolved against {@link #baseDir} as path arguments are; {@code ~} is the account's home
     * here (a check before the run has no run environment: a file it misses is checked when the task runs).
     */
    public Path resolve(String text) {
        return ArgValidator.toPath(text, baseDir, System.getProperty("user.home"));
    }

    /** Where {@code name} is written (its value), or the task's place. */
    public SourcePosition position(String name) {
        return positions.getOrDefault(name, task);
    }
}
