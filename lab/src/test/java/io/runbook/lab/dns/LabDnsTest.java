package io.runbook.lab.dns;

import static io.runbook.lab.dns.DnsProbe.awaitValues;
import static io.runbook.lab.dns.DnsProbe.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class LabDnsTest {
    /** Only a broken server takes this long; a slow machine never does. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String FQDN = "tsb.dr.example.test";
    private LabDns dns;

    @BeforeEach
    void start() throws Exception {
        dns = LabDns.start(LabDnsOptions.defaults().withSecondaryDelay(Duration.ofMillis(500))
                .withRecords(List.of("tsb 60 A 127.0.1.200")));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void resolveShowsWhatTheSecondaryServes() throws Exception {
        assertEquals(List.of("127.0.1.200"), dns.resolve(FQDN));
        assertEquals(List.of("127.0.1.200"), dns.resolve("tsb"), "relative names are in the zone");
        dns.setSecondaryDelay(Duration.ofHours(1));  // the secondary lags, however slowly this test runs
        dns.set("tsb", "A", List.of("127.0.1.5"), 60);
        assertEquals(List.of("127.0.1.5"), values(dns.primaryAddress(), FQDN, Type.A));
        assertEquals(List.of("127.0.1.200"), dns.resolve(FQDN));
        dns.setSecondaryDelay(Duration.ofMillis(500));
        dns.set("tsb", "A", List.of("127.0.1.6"), 60);
        awaitValues(dns.secondaryAddress(), FQDN, Type.A, List.of("127.0.1.6"), PATIENCE);
        assertEquals(List.of("127.0.1.6"), dns.resolve(FQDN));
        assertEquals(List.of(), dns.resolve("nothing.dr.example.test"));
    }

    @Test
    void resolveFollowsCnamesInsideTheZoneAndStopsAtOnesLeavingIt() {
        dns.setSecondaryDelay(Duration.ZERO);
        dns.set("alias", "CNAME", List.of("tsb"), 60);
        dns.set("lb", "CNAME", List.of("elb.example.com."), 60);
        assertEquals(Duration.ZERO, dns.secondaryDelay());
        awaitTrue(() -> dns.resolve("alias.dr.example.test").equals(List.of("127.0.1.200")));
        awaitTrue(() -> dns.resolve("lb.dr.example.test").equals(List.of("elb.example.com.")));
    }

    @Test
    void setWithNoValuesDeletesTheRRsetAndRejectsNamesOutsideTheZone() throws Exception {
        dns.set(FQDN + ".", "A", List.of(), 60);
        Message m = DnsProbe.query(dns.primaryAddress(), FQDN, Type.A);
        assertEquals(Rcode.NXDOMAIN, m.getRcode());
        assertThrows(IllegalArgumentException.class, () -> dns.set("www.example.org.", "A", List.of("192.0.2.1"), 60));
        assertThrows(IllegalArgumentException.class, () -> dns.set("tsb", "A", List.of("not-an-ip"), 60));
    }

    @Test
    void stoppedSecondaryDoesNotAnswerAndCatchesUpAfterItStartsAgain() throws Exception {
        dns.stopSecondary();
        assertThrows(IOException.class, () -> DnsProbe.query(dns.secondaryAddress(), FQDN, Type.A, true));
        long sent = dns.secondaryFeedAttempts();
        dns.set("tsb", "A", List.of("127.0.1.6"), 60);
        assertEquals(List.of("127.0.1.6"), dns.resolve(FQDN), "with the secondary down a resolver asks the primary");
        awaitTrue(() -> dns.secondaryFeedAttempts() > sent);  // the change's time for the secondary has come and gone
        dns.setSecondaryDelay(Duration.ofHours(1));
        dns.startSecondary();
        assertEquals(List.of("127.0.1.200"), values(dns.secondaryAddress(), FQDN, Type.A), "missed the change while down");
        dns.setSecondaryDelay(Duration.ofMillis(500));
        dns.refreshSecondary();  // what its restart scheduled, without the hour
        awaitValues(dns.secondaryAddress(), FQDN, Type.A, List.of("127.0.1.6"), PATIENCE);
    }

    @Test
    void snapshotAndRestoreRoundTripThroughPlainMapsAndZoneFileText() throws Exception {
        dns.set("tsb", "A", List.of("127.0.1.7", "127.0.1.8"), 120);
        dns.set("note", "TXT", List.of("\"kept between runs\""), 60);
        LabDnsSnapshot saved = dns.snapshot();
        Map<String, Object> map = saved.asMap();
        assertEquals("dr.example.test.", map.get("zone"));
        String text = saved.toZoneFile();
        long sent = dns.secondaryFeedAttempts();
        dns.set("tsb", "A", List.of("127.0.1.9"), 60);

        dns.restore(LabDnsSnapshot.fromMap(map));
        assertEquals(saved, dns.snapshot());
        assertEquals(List.of("127.0.1.7", "127.0.1.8"), values(dns.primaryAddress(), FQDN, Type.A));
        assertEquals(List.of("127.0.1.7", "127.0.1.8"), values(dns.secondaryAddress(), FQDN, Type.A));
        assertEquals(List.of("127.0.1.7", "127.0.1.8"), dns.resolve(FQDN));
        awaitTrue(() -> dns.secondaryFeedAttempts() > sent);
        assertEquals(List.of("127.0.1.7", "127.0.1.8"), dns.resolve(FQDN), "a change sent before the restore does not arrive after it");
        Message soa = DnsProbe.query(dns.secondaryAddress(), "dr.example.test", Type.SOA);
        assertEquals(saved.serial(), ((SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial());

        assertEquals(saved, LabDnsSnapshot.fromZoneFile("dr.example.test", text));
    }

    @Test
    void keyFileIsABindKeyClauseTheModuleCanRead(@TempDir Path dir) throws Exception {
        Path file = dns.writeKeyFile(dir.resolve("keys/update.key"));
        String text = Files.readString(file);
        // the same patterns as io.runbook.modules.dns.BindKeyFile
        Matcher key = Pattern.compile("\\bkey\\s+(\"[^\"]+\"|[^\\s{]+)\\s*\\{([^}]*)\\}\\s*;?").matcher(text);
        assertTrue(key.find(), text);
        assertEquals("\"tsb-update-key\"", key.group(1));
        Matcher alg = Pattern.compile("\\balgorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;").matcher(key.group(2));
        Matcher secret = Pattern.compile("\\bsecret\\s+\"([^\"]*)\"\\s*;").matcher(key.group(2));
        assertTrue(alg.find() && secret.find());
        assertEquals("hmac-sha256", alg.group(1));
        assertEquals(dns.keySecret(), secret.group(1));
        assertEquals(32, java.util.Base64.getDecoder().decode(secret.group(1)).length);
    }

    @Test
    void givenPortKeyAndZoneAreUsed() throws Exception {
        String secret = java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        LabDnsOptions options = LabDnsOptions.defaults().withZone("lab.example.test").withAddresses("127.0.0.3", "127.0.0.4")
                .withKey("other-key", secret);
        int port = 0;
        LabDns started = null;
        // a port free a moment ago may be taken before the lab binds it: then another one, a few times at most
        for (int attempt = 1; started == null; attempt++) {
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.3"))) {
                port = probe.getLocalPort();
            }
            try {
                started = LabDns.start(options.withPort(port));
            } catch (java.net.BindException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
        try (LabDns other = started) {
            assertEquals(port, other.port());
            assertEquals("lab.example.test", other.zone());
            assertEquals("other-key", other.keyName());
            assertEquals(secret, other.keySecret());
            assertEquals(List.of("127.0.0.4"), values(other.primaryAddress(), "ns2.lab.example.test", Type.A));
            assertEquals(Rcode.NOERROR, DnsProbe.query(other.secondaryAddress(), "lab.example.test", Type.SOA).getRcode());
        }
    }

    @Test
    void nonLoopbackAddressesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LabDns.start(LabDnsOptions.defaults().withAddresses("192.0.2.1", "127.0.0.2")));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
