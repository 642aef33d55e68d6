package io.runbook.engine.report;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Ansible's ansible.posix.timer callback: after the recap, how long the run took since the callback was made. */
public final class TimerReporter implements RunListener {
    private final PrintWriter out;
    private final Clock clock;
    private final Instant started;

    public TimerReporter(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public synchronized void recap(Map<String, HostStats> stats) {
        long s = Math.max(0, Duration.between(started, clock.instant()).getSeconds());
        out.println("Playbook run took " + s / 86_400 + " days, " + s % 86_400 / 3600 + " hours, " + s % 3600 / 60
                + " minutes, " + s % 60 + " seconds");
        out.flush();
    }
}
