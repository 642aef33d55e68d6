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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dns_record with {@code protocol: udp}, against the lab's DNS servers (UDP and TCP on one port, UDP answers cut to
 * the size the query allows, with TC set): the propagation wait's queries go out over UDP without a fork per host, a
 * stopped server is port unreachable (words of UDP, not of TCP), and an RRset too large for a UDP answer is asked again
 * over TCP. {@link DnsPropagationOverUdpAgainstBindTest} does the same against BIND.
 */
class DnsPropagationOverUdpTest {
    private static final Path FORKS = EngineRun.FIXTURES.resolve("forks");
    private static final List<String> HOSTS = List.of("d1", "d2", "d3", "d4", "d5", "d6");
    private static final String POINT = "Point the record";
    /** Only keeps a hung engine from hanging the suite. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private LabDns dns;
    private Path keyFile;

    @BeforeEach
    void startDns(@TempDir Path tmp) throws Exception {
        dns = LabDns.start(LabDnsOptions.defaults().withSecondaryDelay(Duration.ofMillis(100)));
        keyFile = dns.writeKeyFile(tmp.resolve("update.key"));
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void hostsWaitingOverUdpGiveTheirForkToTheNextHostAndSeeTheStoppedServerPortUnreachable() throws Exception {
        dns.stopSecondary();
        String stopped = "waiting for 1 of 2 servers: ns2.dr.example.test. (127.0.0.2:" + dns.port()
                + ") gives no answer: port unreachable over UDP";
        EngineThread engine = AllWaiting.start(HOSTS, POINT, stopped, LIMIT, args("-f", "1"));
        dns.startSecondary();
        assertEquals(ExitCode.OK, engine.exitCode(LIMIT), engine.output());
        String out = engine.output();
        for (String host : HOSTS) {
            assertTrue(out.lines().anyMatch(l -> l.equals("changed: [" + host + "]")), out);
            assertTrue(out.contains("  [" + host + "] ns2.dr.example.test. (127.0.0.2:" + dns.port() + ") has [192.0.2.10] ttl 60 after "),
                    out);
            assertEquals(List.of("192.0.2.10"), dns.resolve(host + ".dr.example.test"));
        }
        assertFalse(out.contains(dns.keySecret()), out);
    }

    @Test
    void aWaitOverUdpEndsAtItsTimeoutSayingTheServerIsPortUnreachable() {
        dns.stopSecondary();
        RunResult run = EngineRun.cli(args("-f", "1", "-l", "d1", "-e", "propagation_timeout=2s"));
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals("propagation of d1.dr.example.test. A ([192.0.2.10] ttl 60) not complete after 2 s: ns2.dr.example.test. "
                + "(127.0.0.2:" + dns.port() + ") gives no answer: port unreachable over UDP; check that these servers get NOTIFY"
                + " and may transfer the zone from the primary, or raise propagation_timeout", run.msg(POINT, "d1"), run.toString());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> propagation = (Map<String, Map<String, Object>>) run.registered(POINT, "d1").get("propagation");
        assertEquals("no answer: port unreachable over UDP", propagation.get("127.0.0.2:" + dns.port()).get("answer"), run.toString());
        assertEquals(true, propagation.get("127.0.0.1:" + dns.port()).get("ok"), run.toString());
    }

    @Test
    void anRrsetTooLargeForAUdpAnswerIsAskedAgainOverTcp() {
        // 90 addresses: about 1.5 kB of answer, over the 1 232 bytes a UDP answer may have; cut, with TC set
        List<String> values = IntStream.rangeClosed(1, 90).mapToObj(i -> "192.0.2." + i).toList();
        String extra = "{\"dns_values\": [" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]}";
        RunResult run = EngineRun.cli(args("-l", "d1", "-e", extra));
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertEquals("changed", run.status(POINT, "d1"), run.toString());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> propagation = (Map<String, Map<String, Object>>) run.registered(POINT, "d1").get("propagation");
        assertEquals(true, propagation.get("127.0.0.2:" + dns.port()).get("ok"), run.toString());
        assertEquals(values.size(), dns.resolve("d1.dr.example.test").size());
        // the same again reads the large RRset over UDP then TCP too, and finds nothing to change
        RunResult again = EngineRun.cli(args("-l", "d1", "-e", extra));
        assertEquals("ok", again.status(POINT, "d1"), again.toString());
    }

    private String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(FORKS.resolve("dns.yml").toString(), "-i", FORKS.resolve("dns-hosts.yml").toString(),
                "-e", "dns_port=" + dns.port(), "-e", "dns_key_file=" + keyFile.toAbsolutePath(), "-e", "dns_protocol=udp"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
