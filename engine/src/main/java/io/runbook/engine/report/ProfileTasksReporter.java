package io.runbook.engine.report;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's ansible.posix.profile_tasks callback: a time line below each task's banner and, after the recap, the
 * tasks by how long they took ({@code sort_order} descending, ascending or none; the first {@code output_limit}, all
 * when null); from -vv each with its path below. A task run again (the next {@code serial} batch) adds to its time.
 */
public final class ProfileTasksReporter implements RunListener {
    /** A summary order: as Ansible's {@code sort_order}. */
    public enum Order { DESCENDING, ASCENDING, NONE }

    private final PrintWriter out;
    private final int verbosity;
    private final Order order;
    private final Integer limit;
    private final TaskTimes times;
    private final Map<String, Timed> tasks = new LinkedHashMap<>();
    private Timed current;

    public ProfileTasksReporter(PrintWriter out, int verbosity, Order order, Integer limit, Clock clock) {
        this.out = out;
        this.verbosity = verbosity;
        this.order = order;
        this.limit = limit;
        this.times = new TaskTimes(clock);
    }

    @Override
    public synchronized void taskStart(String name, String action, String position, boolean handler) {
        times.printLine(out);
        stop();
        current = tasks.computeIfAbsent(position + " " + name, k -> new Timed(name, position));
        current.started = times.now();
    }

    @Override
    public synchronized void recap(Map<String, HostStats> stats) {
        times.printSummaryHead(out);
        stop();
        current = null;
        List<Timed> shown = new ArrayList<>(tasks.values());
        if (order != Order.NONE) {
            Comparator<Timed> byTime = Comparator.comparing(t -> t.elapsed);
            shown.sort(order == Order.DESCENDING ? byTime.reversed() : byTime);
        }
        for (Timed t : limit == null ? shown : shown.subList(0, Math.min(Math.max(limit, 0), shown.size()))) {
            out.println(TaskTimes.row(t.name, t.elapsed, TaskTimes.COLUMNS - 9));
            if (verbosity >= 2 && t.path != null) {
                out.println(TaskTimes.dashed(t.path + " ", TaskTimes.COLUMNS));
            }
        }
        out.flush();
    }

    private void stop() {
        if (current != null) {
            current.elapsed = current.elapsed.plus(Duration.between(current.started, times.now()));
        }
    }

    private static final class Timed {
        final String name;
        final String path;
        Instant started;
        Duration elapsed = Duration.ZERO;

        Timed(String name, String path) {
            this.name = name;
            this.path = path;
        }
    }
}
