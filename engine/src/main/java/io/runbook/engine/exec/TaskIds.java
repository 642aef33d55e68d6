package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
        String place = place(position);
        List<String> path = new ArrayList<>(host.includePath);
        Collections.reverse(path);
        path.add(place);
        String id = String.join("/", path);
        int n = host.occurrences.merge(id, 1, Integer::sum);
        return n == 1 ? id : id + "~" + n;
    }

    /**
     * The include-path element of an include instance on {@code host}: the include's own place (its id without the
     * include path the host is in already) with the instance's index, so ids grow by one segment per level.
     */
    static String instance(HostState host, String includeId, int index) {
        List<String> path = new ArrayList<>(host.includePath);
        Collections.reverse(path);
        int prefix = path.isEmpty() ? 0 : String.join("/", path).length() + 1;
        return includeId.substring(prefix) + "[" + index + "]";
    }

    private String place(SourcePosition position) {
        Path file = position.file().toAbsolutePath().normalize();
        String name = file.startsWith(base) ? base.relativize(file).toString() : file.toString();
        return name + ":" + position.line() + ":" + position.column();
    }
}
