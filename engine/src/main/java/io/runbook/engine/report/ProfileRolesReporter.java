package io.runbook.engine.report;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's ansible.posix.profile_roles callback: a time line below each task's banner and, after the recap, the time
 * spent in each role (a task of no role: under its action), longest first, and their total.
 */
public final class ProfileRolesReporter implements RunListener {
    private final PrintWriter out;
    private final TaskTimes times;
    private final Map<String, Duration> totals = new LinkedHashMap<>();
    private String current;
    private Instant started;

    public ProfileRolesReporter(PrintWriter out, Clock clock) {
        this.out = out;
        this.times = new TaskTimes(clock);
    }

    @Override
    public synchronized void taskStart(String name, String action, String position, boolean handler, boolean check,
                                       String timedAs) {
        times.printLine(out);
        stop();
        current = timedAs;
        totals.putIfAbsent(current, Duration.ZERO);
        started = times.now();
    }

    @Override
    public synchronized void recap(Map<String, HostStats> stats) {
        times.printSummaryHead(out);
        stop();
        current = null;
        List<Map.Entry<String, Duration>> shown = new ArrayList<>(totals.entrySet());
        shown.sort(Map.Entry.<String, Duration>comparingByValue().reversed());
        shown.forEach(e -> out.println(TaskTimes.row(e.getKey(), e.getValue(), 70)));
        out.println(TaskTimes.filled("", '~'));
        out.println(TaskTimes.row("total", totals.values().stream().reduce(Duration.ZERO, Duration::plus), 70));
        out.flush();
    }

    private void stop() {
        if (current != null) {
            totals.merge(current, Duration.between(started, times.now()), Duration::plus);
        }
    }
}
