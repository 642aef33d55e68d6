package io.runbook.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.RunScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunResourcesTest {
    /** Newest first, each once, on one closer thread: a client closes before the transport it was built on. */
    @Test
    void closesNewestFirstOnOneThread() {
        RunResources resources = new RunResources();
        List<String> closed = new ArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        for (String name : List.of("transport", "kubeconfigs", "client-a", "client-b")) {
            AutoCloseable c = () -> {
                synchronized (closed) {
                    closed.add(name);
                }
                threads.add(Thread.currentThread());
            };
            assertSame(c, resources.get(name, AutoCloseable.class, () -> c));
        }
        resources.get("plain", Object.class, Object::new);
        resources.close();
        assertEquals(List.of("client-b", "client-a", "kubeconfigs", "transport"), closed);
        assertEquals(1, threads.size());
        resources.close();
        assertEquals(4, closed.size(), "a second close closes nothing again");
    }

    /** The modules' scheduler, made before a cluster's client, still closes before it: its waits use the client. */
    @Test
    void theModulesSchedulerClosesFirstHoweverEarlyItWasMade() {
        RunResources resources = new RunResources();
        RunScheduler scheduler = resources.get(RunScheduler.class, RunScheduler.class, RunScheduler::new);
        List<Boolean> schedulerOpenWhenClientCloses = new ArrayList<>();
        resources.get("client", AutoCloseable.class, () -> () -> {
            ScheduledFuture<?> probe = scheduler.after(RunScheduler.TIMER, 60_000, () -> { });
            schedulerOpenWhenClientCloses.add(probe != null);
        });
        resources.close();
        assertEquals(List.of(false), schedulerOpenWhenClientCloses);
    }

    /** A close that hangs holds up the others only for the limit; they are still closed. */
    @Test
    void aHangingCloseDoesNotKeepTheOthersOpen() throws Exception {
        RunResources resources = new RunResources(200);
        CountDownLatch others = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        resources.get("first", AutoCloseable.class, () -> others::countDown);
        resources.get("hangs", AutoCloseable.class, () -> () -> release.await(10, TimeUnit.MINUTES));
        resources.get("last", AutoCloseable.class, () -> others::countDown);
        try {
            resources.close();
            assertTrue(others.await(5, TimeUnit.MINUTES), "the closes after the hanging one did not run");
        } finally {
            release.countDown();
        }
    }

    /** The slow close is left to finish, not interrupted: a client's release must not be cut off halfway. */
    @Test
    void aSlowCloseIsLeftToFinishUninterrupted() throws Exception {
        RunResources resources = new RunResources(200);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch next = new CountDownLatch(1);
        resources.get("before", AutoCloseable.class, () -> next::countDown);
        resources.get("slow", AutoCloseable.class, () -> () -> {
            try {
                release.await(10, TimeUnit.MINUTES);
                finished.countDown();
            } catch (InterruptedException e) {
                interrupted.set(true);
                finished.countDown();
            }
        });
        resources.close();
        assertTrue(next.await(5, TimeUnit.MINUTES), "the close after the slow one did not run");
        release.countDown();
        assertTrue(finished.await(5, TimeUnit.MINUTES), "the slow close never ended");
        assertTrue(!interrupted.get(), "the slow close was interrupted");
    }

    /** Closes started early (before the recap) run meanwhile; close waits for them, and closes what came after too. */
    @Test
    void closesStartedEarlyAreWaitedForAndLaterObjectsClosedToo() throws Exception {
        RunResources resources = new RunResources();
        CountDownLatch release = new CountDownLatch(1);
        List<String> closed = java.util.Collections.synchronizedList(new ArrayList<>());
        resources.get("transport", AutoCloseable.class, () -> () -> closed.add("transport"));
        resources.get("client", AutoCloseable.class, () -> () -> {
            release.await(10, TimeUnit.MINUTES);
            closed.add("client");
        });
        resources.startClosing();
        resources.startClosing();
        // the client's close is held: nothing has ended yet, the caller was not kept waiting
        assertEquals(List.of(), closed);
        resources.get("late", AutoCloseable.class, () -> () -> closed.add("late"));
        Thread closer = new Thread(resources::close);
        closer.start();
        release.countDown();
        closer.join(TimeUnit.MINUTES.toMillis(5));
        assertTrue(!closer.isAlive(), "close did not return");
        assertEquals(List.of("client", "transport", "late"), closed);
    }
}
