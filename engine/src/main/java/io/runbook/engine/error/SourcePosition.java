package io.runbook.engine.error;

import java.nio.file.Path;

/**
 * A place in a user's file: 1-based line and column. Printed as {@code file:line:col}, with the file
 * relative to the working directory when it lies below it, so messages read like compiler errors.
 */
public record SourcePosition(Path file, int line, int column) {

    /** A position for values that come from no file (command line, defaults). */
    public static SourcePosition of(String origin) {
        return new SourcePosition(Path.of(origin), 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    public String displayFile() {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : file.toString();
    }

    @Override
    public String toString() {
        return hasLine() ? displayFile() + ":" + line + ":" + column : displayFile();
    }
}
