package io.runbook.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The run's workers: a host's continuation goes before the hosts that have not started yet. */
class WorkersTest {
    @Test
    void aContinuationRunsBeforeTheHostsStillWaitingToStart() throws Exception {
        Workers workers = Workers.of(1, Thread::new);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(4);
        try {
            workers.execute(() -> {
                started.countDown();
                await(release);
                ran.add("h1 starts");
                all.countDown();
            });
            started.await();
            workers.execute(() -> {
                ran.add("h2 starts");
                all.countDown();
            });
            workers.execute(() -> {
                ran.add("h3 starts");
                all.countDown();
            });
            workers.executeFirst(() -> {
                ran.add("h0 continues");
                all.countDown();
            });
            release.countDown();
            all.await();
            assertEquals(List.of("h1 starts", "h0 continues", "h2 starts", "h3 starts"), ran);
        } finally {
            workers.shutdownNow();
        }
        workers.awaitTermination(1, TimeUnit.MINUTES);
        assertThrows(RejectedExecutionException.class, () -> workers.executeFirst(() -> ran.add("too late")));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
