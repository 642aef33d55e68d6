package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;

/**
 * Names task instances the same way in every run of a playbook, so a resumed run finds what an earlier one did:
 * the task's {@code file:line:col} (the file relative to the playbook's folder, so the working directory does not
 * matter), after the include instances the host is in ({@code main.yml:9:7[0]/cp.yml:3:7} for the first instance of
 * a looping include), and {@code ~N} when the same place runs a second time on the host (a file imported twice).
 */
final class TaskIds {
    private final Path base;

    TaskIds(Path playbookDir) {
        this.base = playbookDir.toAbsolutePath().normalize();
    }

    /** The next id of the task or include at {@code position} on {@code host} (counts the occurrence). */
    String next(HostState host, SourcePosition position) {
        // the innermost include instance's id already names every include around it
        String enclosing = host.includePath.peek();
        String id = enclosing == null ? place(position) : enclosing + "/" + place(position);
        int n = host.occurrences.merge(id, 1, Integer::sum);
        return n == 1 ? id : id + "~" + n;
    }

    private String place(SourcePosition position) {
        Path file = position.file().toAbsolutePath().normalize();
        String name = file.startsWith(base) ? base.relativize(file).toString() : file.toString();
        return name + ":" + position.line() + ":" + position.column();
    }
}
