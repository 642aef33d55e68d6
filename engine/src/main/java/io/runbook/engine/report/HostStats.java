package io.runbook.engine.report;

/** The recap counters of one host, with Ansible's semantics (a changed result also counts as ok). */
public final class HostStats {
    private int ok;
    private int changed;
    private int unreachable;
    private int failed;
    private int skipped;
    private int rescued;
    private int ignored;

    /** As {@link #count(HostStatus, boolean, boolean)}; an ignored failure that reports changed also counts as changed. */
    public synchronized void count(HostStatus status, boolean ignoredFailure, boolean rescuedFailure, boolean reportedChanged) {
        count(status, ignoredFailure, rescuedFailure);
        if (status == HostStatus.FAILED && ignoredFailure && reportedChanged) {
            changed++;
        }
    }

    public synchronized void count(HostStatus status, boolean ignoredFailure, boolean rescuedFailure) {
        switch (status) {
            case OK -> ok++;
            case CHANGED -> {
                ok++;
                changed++;
            }
            case SKIPPED -> skipped++;
            case UNREACHABLE -> {
                // as Ansible: an unreachable host under ignore_unreachable counts as ok and ignored
                if (ignoredFailure) {
                    ok++;
                    ignored++;
                } else {
                    unreachable++;
                }
            }
            case FAILED -> {
                if (ignoredFailure) {
                    ok++;
                    ignored++;
                } else if (rescuedFailure) {
                    rescued++;
                } else {
                    failed++;
                }
            }
        }
    }

    public synchronized int ok() {
        return ok;
    }

    public synchronized int changed() {
        return changed;
    }

    public synchronized int unreachable() {
        return unreachable;
    }

    public synchronized int failed() {
        return failed;
    }

    public synchronized int skipped() {
        return skipped;
    }

    public synchronized int rescued() {
        return rescued;
    }

    public synchronized int ignored() {
        return ignored;
    }

    /** The recap line, exactly as ansible-playbook prints it (without colour). */
    public synchronized String recapLine(String host) {
        return String.format("%-26s : ok=%-4s changed=%-4s unreachable=%-4s failed=%-4s skipped=%-4s rescued=%-4s ignored=%-4s",
                host, ok, changed, unreachable, failed, skipped, rescued, ignored);
    }
}
