package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The playbook of {@link DnsPropagationOverUdpTest} with {@code protocol: udp} against the real BIND primary
 * (127.0.0.1) and secondary (127.0.0.2) of {@code .ci/dns-setup.sh}, read from its env file ({@code DNS_IT_ENV}, else
 * {@code .ci/dns-it.env}): skipped without it, failed when {@code DNS_IT_REQUIRED=1}. The secondary is stopped and
 * started with {@code .ci/dns-secondary.sh} for a real lag, and always running again after each test.
 */
class DnsPropagationOverUdpAgainstBindTest {
    private static final Path FORKS = EngineRun.FIXTURES.resolve("forks");
    private static final List<String> HOSTS = List.of("d1", "d2", "d3", "d4", "d5", "d6");
    private static final String POINT = "Point the record";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    /** Only keeps a hung engine (or a hung named start) from hanging the suite. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private Path root;
    private Path envFile;
    private Map<String, String> env;
    /** The secondary is this test's to stop (DigLookupParityTest, in another test JVM, waits for it to follow). */
    private java.io.Closeable secondaryHeld;

    @BeforeEach
    void bind() throws IOException {
        BindEnv bind = BindEnv.require();
        root = bind.root();
        envFile = bind.envFile();
        env = bind.env();
        secondaryHeld = bind.secondaryLock();
    }

    @AfterEach
    void secondaryRunsAgain() throws Exception {
        try {
            if (env != null) {
                secondary("start");
            }
        } finally {
            if (secondaryHeld != null) {
                secondaryHeld.close();
            }
        }
    }

    @Test
    void hostsWaitingOverUdpForTheRealSecondaryGiveTheirForkToTheNextHost() throws Exception {
        secondary("stop");
        String suffix = "-udp-" + RUN;
        String stopped = "waiting for 1 of 2 servers: ns2.dr.example.test. (127.0.0.2:" + port()
                + ") gives no answer: port unreachable over UDP";
        EngineThread engine = AllWaiting.start(HOSTS, POINT, stopped, LIMIT, args("-f", "1", "-e", "record_suffix=" + suffix));
        secondary("start");
        assertEquals(ExitCode.OK, engine.exitCode(LIMIT), engine.output());
        String out = engine.output();
        for (String host : HOSTS) {
            assertTrue(out.lines().anyMatch(l -> l.equals("changed: [" + host + "]")), out);
            assertTrue(out.contains("  [" + host + "] ns2.dr.example.test. (127.0.0.2:" + port() + ") has [192.0.2.10] ttl 60 after "),
                    out);
        }
        assertFalse(out.contains(Files.readString(Path.of(env.get("DNS_IT_KEY_SECRET_FILE"))).trim()), out);
    }

    @Test
    void aWaitOverUdpEndsAtItsTimeoutSayingTheStoppedSecondaryIsPortUnreachable() throws Exception {
        secondary("stop");
        RunResult run = EngineRun.cli(args("-l", "d1", "-e", "record_suffix=-udp-timeout-" + RUN, "-e", "propagation_timeout=2s"));
        assertEquals(ExitCode.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals("propagation of d1-udp-timeout-" + RUN + ".dr.example.test. A ([192.0.2.10] ttl 60) not complete after 2 s: "
                + "ns2.dr.example.test. (127.0.0.2:" + port() + ") gives no answer: port unreachable over UDP; check that these "
                + "servers get NOTIFY and may transfer the zone from the primary, or raise propagation_timeout",
                run.msg(POINT, "d1"), run.toString());
    }

    @Test
    void anRrsetTooLargeForBindsUdpAnswerIsAskedAgainOverTcp() {
        // 90 addresses (BIND takes at most 100 per RRset): about 1.5 kB, over the 1 232 bytes of BIND's UDP answers
        List<String> values = IntStream.rangeClosed(1, 90).mapToObj(i -> "192.0.2." + i).toList();
        String extra = "{\"dns_values\": [" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]}";
        String[] args = args("-l", "d1", "-e", "record_suffix=-udp-large-" + RUN, "-e", extra);
        RunResult run = EngineRun.cli(args);
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertEquals("changed", run.status(POINT, "d1"), run.toString());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> propagation = (Map<String, Map<String, Object>>) run.registered(POINT, "d1").get("propagation");
        assertEquals(true, propagation.get("127.0.0.1:" + port()).get("ok"), run.toString());
        assertEquals(true, propagation.get("127.0.0.2:" + port()).get("ok"), run.toString());
        RunResult again = EngineRun.cli(args);
        assertEquals("ok", again.status(POINT, "d1"), again.toString());
    }

    private int port() {
        return Integer.parseInt(env.get("DNS_IT_PORT"));
    }

    private String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(FORKS.resolve("dns.yml").toString(), "-i", FORKS.resolve("dns-hosts.yml").toString(),
                "-e", "dns_port=" + port(), "-e", "dns_key_file=" + env.get("DNS_IT_KEY_FILE"), "-e", "dns_protocol=udp"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Runs {@code .ci/dns-secondary.sh stop|start} ({@code start} returns once the secondary is in sync again). */
    private void secondary(String action) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(env.getOrDefault("DNS_IT_SECONDARY_CTL",
                root.resolve(".ci/dns-secondary.sh").toString()), action).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DNS_IT_ENV", envFile.toString());
        Process p = pb.start();
        if (!p.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("dns-secondary.sh " + action + " failed");
        }
    }
}
