package io.runbook.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
}
