package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two labs on one machine (two users, or a test suite and a rehearsal) run side by side: the lab inventory
 * fixes no port, so each estate's DNS gets its own, and a port that is asked for and taken is a clear error.
 */
class LabSideBySideTest {
    private static final String PLAYBOOK = "test/resources/lab/hold-the-lab.yml";

    @Test
    void twoEstatesWithTheLabInventoryRunAtTheSameTime(@TempDir Path dir) throws Exception {
        Path started = dir.resolve("first-started");
        Path release = dir.resolve("release-first");
        CompletableFuture<LabEstateRun.Result> first = CompletableFuture.supplyAsync(() -> new LabEstateRun(dir.resolve("a"))
                .play(PLAYBOOK, "started=" + started, "release=" + release));
        try {
            Await.until(Duration.ofMinutes(10), "the first lab to be up", () -> Files.exists(started) || first.isDone());
            assertFalse(first.isDone(), "the first run holds its lab: " + (first.isDone() ? first.join().out() : ""));
            Files.createFile(release.resolveSibling("release-second"));
            LabEstateRun.Result second = new LabEstateRun(dir.resolve("b"))
                    .play(PLAYBOOK, "started=" + dir.resolve("second-started"), "release=" + dir.resolve("release-second"));
            assertEquals(0, second.code(), "a second lab starts beside the first:\n" + second.out());
            Files.createFile(release);
            LabEstateRun.Result one = first.get(5, TimeUnit.MINUTES);
            assertEquals(0, one.code(), one.out());
            assertNotEquals(dnsPort(one.out()), dnsPort(second.out()), "each lab DNS has its own port");
        } finally {
            if (!Files.exists(release)) {
                Files.createFile(release);
            }
            first.get(5, TimeUnit.MINUTES);
        }
    }

    @Test
    void aTakenDnsPortIsAClearErrorNotAnInternalOne(@TempDir Path dir) throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            LabEstateRun.Result run = new LabEstateRun(dir.resolve("state")).play(PLAYBOOK,
                    "dns_port=" + port, "started=" + dir.resolve("s"), "release=" + dir.resolve("r"));
            assertEquals(ExitCode.INPUT_ERROR, run.code(), run.out());
            assertTrue(run.out().contains("ERROR: the embedded lab could not start: the lab DNS cannot listen on 127.0.0.1:"
                    + port + " (UDP and TCP): the port is in use"), run.out());
            assertFalse(run.out().contains("internal error") || run.out().contains("BindException"), run.out());
            assertFalse(run.out().contains("TASK ["), "nothing ran:\n" + run.out());
        }
    }

    private static int dnsPort(String out) {
        Matcher m = Pattern.compile("lab DNS port (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(1));
    }
}
