package io.runbook.lab.dns;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Name;

/**
 * Stands in for NOTIFY + zone transfer: each version of the zone the primary commits reaches the secondary
 * after the delay, in order (an older version never replaces a newer one, even when the delay shrinks in
 * between). A stopped secondary misses versions; when it starts again it refreshes to the primary's current
 * version after the delay, as a BIND secondary does on its SOA check.
 */
final class SecondaryFeed implements Closeable {
    private final LabDnsServer primary;
    private final LabDnsServer secondary;
    private final ScheduledExecutorService timer;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private volatile Duration delay;

    SecondaryFeed(LabDnsServer primary, LabDnsServer secondary, Duration delay) {
        this.primary = primary;
        this.secondary = secondary;
        this.delay = delay;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "labdns-secondary-feed");
            t.setDaemon(true);
            return t;
        });
        primary.onChange(this::send);
    }

    void delay(Duration d) {
        this.delay = d;
    }

    Duration delay() {
        return delay;
    }

    /** Schedules the primary's current version of the zone for the secondary (after a restart). */
    void refresh(Name origin) {
        send(primary.zone(origin));
    }

    /** Versions already on their way are never delivered (the zone was replaced on both servers). */
    void dropPending() {
        delivered.set(sequence.incrementAndGet());
    }

    private void send(ZoneData version) {
        long seq = sequence.incrementAndGet();
        Runnable deliver = () -> {
            if (secondary.running() && delivered.accumulateAndGet(seq, Math::max) == seq) {
                secondary.load(version);
            }
            attempts.incrementAndGet();
        };
        if (delay.isZero()) {
            timer.execute(deliver);
        } else {
            timer.schedule(deliver, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** How many versions have reached their delivery time (delivered, or missed by a stopped secondary). */
    long attempts() {
        return attempts.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
