package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The run's shared Kubernetes transport never prints Vert.x's blocked-thread warnings or their stack traces: on a
 * loaded machine an event loop can stall past Vert.x's 2 s limit, and what Vert.x logs then (through
 * java.util.logging unless an SLF4J binding takes it) would reach the operator's terminal.
 */
class ClientTransportTest {
    @Test
    void aStalledEventLoopLogsNoWarning() throws Exception {
        List<String> seen = new ArrayList<>();
        Handler collect = new Handler() {
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
        root.addHandler(collect);
        try (ClientTransport transport = new ClientTransport()) {
            CountDownLatch done = new CountDownLatch(1);
            // past the 2 s warning and the 5 s stack-trace limits (sleeping is the point: a stalled event loop)
            transport.vertx().runOnContext(v -> {
                try {
                    Thread.sleep(5500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            assertEquals(true, done.await(5, TimeUnit.MINUTES));
        } finally {
            root.removeHandler(collect);
        }
        synchronized (collect) {
            assertEquals(List.of(), seen);
        }
    }
}
