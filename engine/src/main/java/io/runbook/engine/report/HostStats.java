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

    /**
     * The recap line, exactly as ansible-playbook prints it (without colour): {@code %-26s : ok=%-4s changed=%-4s ...}
     * put together by hand, as String.format would pad it (a recap of a thousand hosts formatted a thousand times).
     */
    public synchronized String recapLine(String host) {
        StringBuilder b = new StringBuilder(128);
        pad(b, String.valueOf(host), 26).append(" : ");
        field(b, "ok=", ok).append(' ');
        field(b, "changed=", changed).append(' ');
        field(b, "unreachable=", unreachable).append(' ');
        field(b, "failed=", failed).append(' ');
        field(b, "skipped=", skipped).append(' ');
        field(b, "rescued=", rescued).append(' ');
        return field(b, "ignored=", ignored).toString();
    }

    private static StringBuilder field(StringBuilder b, String name, int count) {
        return pad(b.append(name), Integer.toString(count), 4);
    }

    /** {@code text} left-justified in {@code width} characters, never cut (Formatter's {@code %-Ns}). */
    private static StringBuilder pad(StringBuilder b, String text, int width) {
        b.append(text);
        for (int i = text.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }
}
