package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names task instances the same way in every run of a playbook, so a resumed run finds what an earlier one did:
 * the task's {@code file:line:col} (the file relative to the playbook's folder, so the working directory does not
 * matter), after the include instances the host is in ({@code main.yml:9:7[0]/cp.yml:3:7} for the first instance of
 * a looping include), and {@code ~N} when the same place runs a second time on the host (a file imported twice).
 */
final class TaskIds {
    private final Path base;
    /** Each place's text, made once for all hosts. */
    private final Map<SourcePosition, String> places = new ConcurrentHashMap<>();
    /**
     * For each id, the hosts (by {@link HostState#number}) it was given to: a bit per host, where a map per host of
     * every id it ran would grow by an entry per task and host over the run. Only a place that runs again on a
     * host is counted in that host's {@link HostState#occurrences}.
     */
    private final Map<String, BitSet> given = new ConcurrentHashMap<>();

    TaskIds(Path playbookDir) {
        this.base = playbookDir.toAbsolutePath().normalize();
    }

    /** The next id of the task or include at {@code position} on {@code host} (counts the occurrence). */
    String next(HostState host, SourcePosition position) {
        // the innermost include instance's id already names every include around it
        String enclosing = host.includePath.peek();
        String place = places.computeIfAbsent(position, this::place);
        String id = enclosing == null ? place : enclosing + "/" + place;
        BitSet hosts = given.computeIfAbsent(id, k -> new BitSet());
        synchronized (hosts) {
            if (!hosts.get(host.number)) {
                hosts.set(host.number);
                return id;
            }
        }
        int n = host.occurrences.merge(id, 2, (before, first) -> before + 1);
        return id + "~" + n;
    }

    private String place(SourcePosition position) {
        Path file = position.file().toAbsolutePath().normalize();
        String name = file.startsWith(base) ? base.relativize(file).toString() : file.toString();
        return name + ":" + position.line() + ":" + position.column();
    }
}
