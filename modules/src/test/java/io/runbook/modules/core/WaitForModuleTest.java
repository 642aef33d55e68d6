package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import io.runbook.modules.ClosedPort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitForModuleTest {
    @TempDir
    Path dir;

    private Result run(DirectRun direct, Map<String, Object> args) throws Exception {
        return direct.baseDir(dir).run(args);
    }

    /** Does {@code action} once the module has reported that it waits (a check failed), not after a fixed time. */
    private static CompletableFuture<Void> onceWaiting(DirectRun direct, String what, Callable<?> action) {
        return whenProgress(direct, "waiting for " + what, action);
    }

    /** Does {@code action} once a progress line of the module contains {@code text}. */
    private static CompletableFuture<Void> whenProgress(DirectRun direct, String text, Callable<?> action) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (direct.progressLines().stream().noneMatch(l -> l.contains(text))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the module never reported " + text);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                action.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void waitForPortStartedReturnsOnceTheServerListens() throws Exception {
        ClosedPort closed = ClosedPort.tcpToListenOnLater();
        int port = closed.port();
        DirectRun direct = DirectRun.of(new WaitForModule());
        AtomicReference<ServerSocket> server = new AtomicReference<>();
        CompletableFuture<Void> listening = onceWaiting(direct, "127.0.0.1:" + port, () -> server.getAndSet(closed.listen()));
        try (closed) {
            Result r = run(direct, Map.of("port", port, "timeout", 300, "sleep", "0.1"));
            assertFalse(r.isFailed(), String.valueOf(r.msg()));
            assertFalse(r.isChanged());
            assertEquals(port, r.data().get("port"));
            assertEquals("started", r.data().get("state"));
            assertTrue((Integer) r.data().get("elapsed") >= 0, "whole seconds, as Ansible's: " + r.data().get("elapsed"));
            assertTrue(direct.progressLines().stream().anyMatch(l -> l.startsWith("waiting for 127.0.0.1:" + port
                    + " to accept connections (") && l.endsWith("connection refused)")), direct.progressLines().toString());
        } finally {
            listening.get(5, TimeUnit.MINUTES);
            server.get().close();
        }
    }

    @Test
    void waitForPortTimeoutSaysItAsAnsibleAndKeepsTheLastError() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            int port = closed.port();
            Result r = run(DirectRun.of(new WaitForModule()), Map.of("port", port, "timeout", "0.5", "sleep", "0.1"));
            assertTrue(r.isFailed());
            assertEquals("Timeout when waiting for 127.0.0.1:" + port, r.msg());
            assertEquals(0, r.data().get("elapsed"));
            assertEquals("connection refused", r.data().get("last_error"));
        }
    }

    @Test
    void waitForCustomMsgReplacesTheTimeoutMessage() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            Result r = run(DirectRun.of(new WaitForModule()), Map.of("port", closed.port(), "timeout", "0.3", "sleep", "0.1", "msg", "front-envoy never came up"));
            assertEquals("front-envoy never came up", r.msg());
        }
    }

    @Test
    void waitForPortStoppedReturnsOnceTheServerCloses() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = server.getLocalPort();
        DirectRun direct = DirectRun.of(new WaitForModule());
        onceWaiting(direct, "127.0.0.1:" + port, () -> {
            server.close();
            return null;
        });
        Result r = run(direct, Map.of("port", port, "state", "stopped", "timeout", 300, "sleep", "0.1"));
        assertFalse(r.isFailed(), String.valueOf(r.msg()));
        assertTrue(server.isClosed());
    }

    @Test
    void waitForPortStoppedTimesOutWhileStillListening() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            Result r = run(DirectRun.of(new WaitForModule()), Map.of("port", port, "state", "stopped", "timeout", "0.3", "sleep", "0.1"));
            assertEquals("Timeout when waiting for 127.0.0.1:" + port + " to stop.", r.msg());
            assertEquals("still accepting connections", r.data().get("last_error"));
        }
    }

    @Test
    void waitForPathPresentWaitsForTheFileAndItsText() throws Exception {
        Path log = dir.resolve("app.log");
        DirectRun direct = DirectRun.of(new WaitForModule());
        // first a file without the text, then (once the module says it waits for the text) the line it waits for
        whenProgress(direct, "it does not exist", () -> Files.writeString(log, "starting\n"))
                .thenCompose(v -> whenProgress(direct, "no match yet", () -> Files.writeString(log, "starting\nready on port 8443\n")));
        Result r = run(direct,
                Map.of("path", "app.log", "search_regex", "^ready on port (\\d+)$", "timeout", 300, "sleep", "0.1"));
        assertFalse(r.isFailed(), String.valueOf(r.msg()));
        assertEquals(List.of("8443"), r.data().get("match_groups"));
        assertEquals(log.toString(), r.data().get("path"));
    }

    @Test
    void searchRegexIsPythonsWithNamedGroups() throws Exception {
        // ansible-core's wait_for target: "completed (?P<foo>\\w+) ([0-9]+)" gives match_groupdict and match_groups
        Files.writeString(dir.resolve("keyword"), "completed data 123\n");
        Result r = run(DirectRun.of(new WaitForModule()),
                Map.of("path", "keyword", "search_regex", "completed (?P<foo>\\w+) ([0-9]+)", "timeout", 5));
        assertFalse(r.isFailed(), String.valueOf(r.msg()));
        assertEquals(List.of("data", "123"), r.data().get("match_groups"));
        assertEquals(Map.of("foo", "data"), r.data().get("match_groupdict"));
        assertEquals("completed (?P<foo>\\w+) ([0-9]+)", r.data().get("search_regex"));
    }

    @Test
    void waitForPathAbsentWaitsUntilItIsRemoved() throws Exception {
        Path lock = Files.writeString(dir.resolve("lock"), "");
        DirectRun direct = DirectRun.of(new WaitForModule());
        onceWaiting(direct, lock.toString(), () -> {
            Files.delete(lock);
            return null;
        });
        Result r = run(direct, Map.of("path", "lock", "state", "absent", "timeout", 300, "sleep", "0.1"));
        assertFalse(r.isFailed(), String.valueOf(r.msg()));
        assertFalse(Files.exists(lock));
    }

    @Test
    void waitForPathTimeoutSaysTheFileIsMissing() throws Exception {
        Result r = run(DirectRun.of(new WaitForModule()), Map.of("path", "never", "timeout", "0.2", "sleep", "0.1"));
        assertEquals("Timeout when waiting for file " + dir.resolve("never"), r.msg());
    }

    @Test
    void waitForStopsWaitingWhenInterrupted() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            int port = closed.port();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            DirectRun direct = DirectRun.of(new WaitForModule());
            Thread waiter = new Thread(() -> {
                try {
                    run(direct, Map.of("port", port, "timeout", 600, "sleep", "0.1"));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            waiter.start();
            onceWaiting(direct, "127.0.0.1:" + port, () -> {
                waiter.interrupt();
                return null;
            }).get(5, TimeUnit.MINUTES);
            waiter.join(TimeUnit.MINUTES.toMillis(5));
            assertFalse(waiter.isAlive(), "stopped when interrupted, long before its 600 s timeout");
            assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        }
    }

    @Test
    void waitForRunsInCheckModeBecauseItOnlyReads() throws Exception {
        Path there = Files.writeString(dir.resolve("there"), "");
        Result r = run(DirectRun.of(new WaitForModule()).check(true), Map.of("path", there.toString(), "timeout", 1));
        assertFalse(r.isSkipped());
        assertFalse(r.isFailed());
    }

    @Test
    void waitForPortDrainedWaitsUntilItsLastConnectionCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), port);
            java.net.Socket accepted = server.accept();
            DirectRun direct = DirectRun.of(new WaitForModule());
            // the client closes first: its side, not the server's port, keeps the TIME_WAIT
            CompletableFuture<Void> closing = onceWaiting(direct, "127.0.0.1:" + port + " to drain", () -> {
                client.close();
                accepted.close();
                return null;
            });
            Result r = run(direct, Map.of("port", port, "state", "drained", "timeout", 300, "sleep", "0.1",
                    "active_connection_states", List.of("ESTABLISHED")));
            closing.get(5, TimeUnit.MINUTES);
            assertFalse(r.isFailed(), String.valueOf(r.msg()));
            assertEquals("drained", r.data().get("state"));
            assertEquals(port, r.data().get("port"));
            assertTrue(direct.progressLines().stream().anyMatch(l -> l.contains("1 active connection)")), direct.progressLines().toString());
        }
    }

    @Test
    void drainedCountsTheConnectionsOfTheHostsAddressesAsAnsibleReadsProcNetTcp() throws Exception {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:3B7D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0
                   1: 0100007F:3B7D 0100007F:A1FF 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0
                   2: 0100007F:3B7D 0200007F:A200 06 00000000:00000000 00:00000000 00000000     0        0 3 1 0
                   3: 0100007F:3B7E 0100007F:A1FF 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0
                """;
        assertEquals("0100007F", HostAddresses.hex(new byte[] {127, 0, 0, 1}));
        java.util.Set<String> local = java.util.Set.of("4:0100007F", "6:0000000000000000FFFF00000100007F");
        // the listener (0A) and another port do not count; ESTABLISHED and TIME_WAIT do, unless from an excluded host
        assertEquals(2, new DrainedPort(null, "127.0.0.1", 15229, local, java.util.Set.of(), DrainedPort.DEFAULT_STATES).active("4", tcp));
        assertEquals(1, new DrainedPort(null, "127.0.0.1", 15229, local, java.util.Set.of("4:0200007F"), DrainedPort.DEFAULT_STATES)
                .active("4", tcp));
        assertEquals(1, new DrainedPort(null, "127.0.0.1", 15229, local, java.util.Set.of(), List.of("ESTABLISHED")).active("4", tcp));
        // 0.0.0.0 counts every local address
        assertEquals(2, new DrainedPort(null, "0.0.0.0", 15229, java.util.Set.of("4:00000000"), java.util.Set.of(),
                DrainedPort.DEFAULT_STATES).active("4", tcp));
    }

    @Test
    void drainedCountsAConnectionOnceWhenThePagedTableShowsItsRowTwice() {
        // /proc/net/tcp is read a page at a time: with sockets closing between pages a row can come again
        String row = "   1: 0100007F:3B7D 0100007F:A1FF 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0\n";
        String tcp = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + row + row.replace("   1:", "   7:");
        assertEquals(1, new DrainedPort(null, "127.0.0.1", 15229, java.util.Set.of("4:0100007F"), java.util.Set.of(),
                List.of("ESTABLISHED")).active("4", tcp));
    }

    @Test
    void drainedReadsAnEmptyTableTwiceBecauseTheKernelCanSkipAConnectionBetweenPages() throws Exception {
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        String busy = header + "   1: 0100007F:3B7D 0100007F:A1FF 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0\n";
        // the first read of /proc/net/tcp misses the connection that the second one shows
        java.util.Deque<String> tcp = new java.util.ArrayDeque<>(List.of(header, busy, header, header));
        io.runbook.modules.connection.HostConnection host = (io.runbook.modules.connection.HostConnection) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {io.runbook.modules.connection.HostConnection.class},
                        (proxy, method, a) -> switch (method.getName()) {
                            case "stat" -> "/proc/net/tcp".equals(a[0])
                                    ? new io.runbook.modules.connection.FileInfo((String) a[0],
                                            io.runbook.modules.connection.FileInfo.Type.FILE, 0444, 0, 0, 0, null, null, 0, 0, null, null)
                                    : io.runbook.modules.connection.FileInfo.missing((String) a[0]);
                            case "read" -> tcp.pop().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                            default -> throw new UnsupportedOperationException(method.getName());
                        });
        DrainedPort port = new DrainedPort(host, "127.0.0.1", 15229, java.util.Set.of("4:0100007F"), java.util.Set.of(),
                DrainedPort.DEFAULT_STATES);
        assertEquals("1 active connection", port.check(java.time.Duration.ofSeconds(1)));
        assertEquals(null, port.check(java.time.Duration.ofSeconds(1)), "two empty reads: drained");
        assertTrue(tcp.isEmpty());
    }

    @Test
    void argumentsAnsibleRefusesFailTheTaskWithItsWords() throws Exception {
        Result both = run(DirectRun.of(new WaitForModule()), Map.of("port", 1, "path", "x"));
        assertEquals("port and path parameter can not both be passed to wait_for", both.msg());
        assertEquals(0, both.data().get("elapsed"));
        assertEquals("state=drained should only be used for checking a port in the wait_for module",
                run(DirectRun.of(new WaitForModule()), Map.of("path", "x", "state", "drained")).msg());
        assertEquals("exclude_hosts should only be with state=drained",
                run(DirectRun.of(new WaitForModule()), Map.of("port", 1, "exclude_hosts", List.of("10.0.0.1"))).msg());
        assertEquals("unknown active_connection_state (LISTEN) defined",
                run(DirectRun.of(new WaitForModule()), Map.of("port", 1, "state", "drained", "active_connection_states", List.of("LISTEN"))).msg());
    }
}
