package io.runbook.lab;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Blocks a Vert.x event loop and a worker thread past Vert.x's limits (2 s, 60 s is too long to test: the
 * warning-exception time of 5 s is used instead) and collects what Vert.x logs meanwhile through
 * java.util.logging, where it goes when no SLF4J binding takes it (as on an operator's terminal).
 */
public final class QuietVertx {
    private QuietVertx() {
    }

    /** The WARNING lines Vert.x logged while one of {@code vertx}'s event loops was blocked for {@code millis}. */
    public static List<String> warningsWhileBlocked(Vertx vertx, long millis) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    seen.add(r.getLoggerName() + ": " + r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            CountDownLatch done = new CountDownLatch(1);
            vertx.runOnContext(v -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the blocking task never ran");
            }
        } finally {
            root.removeHandler(handler);
        }
        synchronized (handler) {
            return List.copyOf(seen);
        }
    }
}
