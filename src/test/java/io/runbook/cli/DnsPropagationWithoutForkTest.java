package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.dns.LabDns;
import io.runbook.lab.dns.LabDnsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose dns_record waits for its record to reach every authoritative server gives its fork to the next host:
 * with one fork and six hosts, every host's update is sent and its wait under way at once (the lab's secondary comes
 * back only then). Each wait still ends as a blocked one did (its own timeout, the task's timeout keyword, Ctrl-C),
 * with the same messages; the TSIG key is never shown.
 */
class DnsPropagationWithoutForkTest {
    private static final Path FORKS = EngineRun.FIXTURES.resolve("forks");
    private static final List<String> HOSTS = List.of("d1", "d2", "d3", "d4", "d5", "d6");
    private static final String POINT = "Point the record";
    private static final String WAITING = "waiting for 1 of 2 servers: ";
    /** Only keeps a hung engine from hanging the suite. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private LabDns dns;
    private Path keyFile;

    @BeforeEach
    void startDns(@TempDir Path tmp) throws Exception {
        dns = LabDns.start(LabDnsOptions.defaults().withSecondaryDelay(Duration.ofMillis(100)));
        keyFile = dns.writeKeyFile(tmp.resolve("update.key"));
        // the updates reach the primary; the secondary misses them until the test starts it again
        dns.stopSecondary();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void hostsWaitingForTheirRecordToPropagateGiveTheirForkToTheNextHost() throws Exception {
        // one fork: a wait holding its fork would leave the second host's update never sent
        EngineThread engine = AllWaiting.start(HOSTS, POINT, WAITING, LIMIT, args("-f", "1"));
        dns.startSecondary();
        assertEquals(ExitCode.OK, engine.exitCode(LIMIT), engine.output());
        String out = engine.output();
        for (String host : HOSTS) {
            assertTrue(out.lines().anyMatch(l -> l.equals("changed: [" + host + "]")), out);
            assertTrue(out.contains("  [" + host + "] ns2.dr.example.test. (127.0.0.2:" + dns.port() + ") has [192.0.2.10] ttl 60 after "),
                    out);
            assertTrue(out.substring(out.indexOf("PLAY RECAP")).lines()
                    .anyMatch(l -> l.startsWith(host + " ") && l.matches(".* ok=2 +changed=1 +unreachable=0 +failed=0 .*")), out);
            assertEquals(List.of("192.0.2.10"), dns.resolve(host + ".dr.example.test"));
        }
        assertFalse(out.contains(dns.keySecret()), out);
    }

    @Test
    void aWaitThatHoldsNoForkStillEndsAtItsOwnTimeoutNamingTheLaggingServer() {
        RunResult run = EngineRun.cli(args("-f", "1", "-e", "propagation_timeout=2s"));
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        for (String host : HOSTS) {
            String msg = String.valueOf(run.msg(POINT, host));
            assertTrue(msg.startsWith("propagation of " + host + ".dr.example.test. A ([192.0.2.10] ttl 60) not complete after 2 s: "
                    + "ns2.dr.example.test. (127.0.0.2:" + dns.port() + ") gives no answer: "), msg);
            assertTrue(msg.endsWith("; check that these servers get NOTIFY and may transfer the zone from the primary, or raise"
                    + " propagation_timeout"), msg);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> propagation = (Map<String, Map<String, Object>>) run.registered(POINT, host).get("propagation");
            assertEquals(true, propagation.get("127.0.0.1:" + dns.port()).get("ok"), run.toString());
            assertEquals(false, propagation.get("127.0.0.2:" + dns.port()).get("ok"), run.toString());
            assertTrue(run.out().contains("  [" + host + "] " + WAITING), run.toString());
            run.assertRecap(host, 0, 0, 0, 1, 0, 0, 0);
        }
        assertFalse(run.out().contains(dns.keySecret()) || run.err().contains(dns.keySecret()), run.toString());
    }

    @Test
    void aWaitThatHoldsNoForkStillEndsAtTheTaskTimeout() {
        RunResult run = EngineRun.cli(args("-f", "1", "-e", "task_timeout=2"));
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        for (String host : HOSTS) {
            assertEquals("The dns_record action failed to execute in the expected time frame (2) and was terminated", run.msg(POINT, host), run.toString());
            run.assertRecap(host, 0, 0, 0, 1, 0, 0, 0);
        }
        assertFalse(run.out().contains("TASK [After the record]"), run.toString());
    }

    @Test
    void checkModePredictsTheChangeAndNeitherSendsNorWaits() {
        RunResult run = EngineRun.cli(args("-f", "1", "--check"));
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        for (String host : HOSTS) {
            assertEquals("changed", run.status(POINT, host), run.toString());
            assertFalse(run.registered(POINT, host).containsKey("propagation"), run.toString());
            assertEquals(List.of(), dns.resolve(host + ".dr.example.test"), "nothing sent for " + host);
        }
        assertFalse(run.out().contains(WAITING), run.toString());
    }

    @Test
    void ctrlCEndsEveryHostWaitingForItsRecordWithItsResultBeforeTheRecap() throws Exception {
        String out = AllWaiting.interrupt(HOSTS, POINT, WAITING, LIMIT, args("-f", "1"));
        assertFalse(out.contains("TASK [After the record]") || out.contains(dns.keySecret()), out);
    }

    private String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(FORKS.resolve("dns.yml").toString(), "-i", FORKS.resolve("dns-hosts.yml").toString(),
                "-e", "dns_port=" + dns.port(), "-e", "dns_key_file=" + keyFile.toAbsolutePath()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
