package io.runbook.lab.dns;

import static io.runbook.lab.dns.DnsProbe.awaitValues;
import static io.runbook.lab.dns.DnsProbe.key;
import static io.runbook.lab.dns.DnsProbe.name;
import static io.runbook.lab.dns.DnsProbe.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

class LabDnsUpdateTest {
    private static final String FQDN = "tsb.dr.example.test";
    private static final Duration DELAY = Duration.ofMillis(800);
    private LabDns dns;
    private TSIG key;

    @BeforeEach
    void start() throws Exception {
        dns = LabDns.start(LabDnsOptions.defaults().withSecondaryDelay(DELAY)
                .withRecords(List.of("tsb 60 A 127.0.1.200")));
        key = key(dns.keyName(), dns.keySecret());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    /** The module's compare-and-set: present(old value) with TTL 0, delete the RRset, add the new one. */
    private Update replace(String oldValue, String... newValues) throws Exception {
        Update u = new Update(name("dr.example.test"));
        if (oldValue == null) {
            u.absent(name(FQDN), Type.A);
        } else {
            u.present(name(FQDN), Type.A, oldValue);
        }
        u.delete(name(FQDN), Type.A);
        for (String v : newValues) {
            u.add(name(FQDN), Type.A, 60, v);
        }
        return u;
    }

    private long serial(java.net.InetSocketAddress server) throws Exception {
        Message m = DnsProbe.query(server, "dr.example.test", Type.SOA);
        return ((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial();
    }

    @Test
    void signedUpdateReachesPrimaryAtOnceAndSecondaryOnlyAfterTheDelay() throws Exception {
        long before = serial(dns.primaryAddress());
        dns.setSecondaryDelay(Duration.ofHours(1));  // the secondary lags, however slowly this test runs
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.10"), key, false);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(List.of("127.0.1.10"), values(dns.primaryAddress(), FQDN, Type.A));
        assertEquals(List.of("127.0.1.200"), values(dns.secondaryAddress(), FQDN, Type.A), "secondary still lags");
        assertEquals(List.of("127.0.1.200"), dns.resolve(FQDN), "a control plane still sees the old address");

        dns.setSecondaryDelay(DELAY);
        long sent = System.nanoTime();  // before sending: the lag measured can only be longer than the real one
        r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.10", "127.0.1.11"), key, false);
        assertEquals(Rcode.NOERROR, r.getRcode());
        awaitValues(dns.secondaryAddress(), FQDN, Type.A, List.of("127.0.1.11"), Duration.ofMinutes(2));
        long lagMs = (System.nanoTime() - sent) / 1_000_000;
        assertTrue(lagMs >= DELAY.toMillis(), "secondary caught up after " + lagMs + " ms, before the delay");
        assertEquals(List.of("127.0.1.11"), dns.resolve(FQDN));
        assertEquals(before + 2, serial(dns.primaryAddress()));
        assertEquals(before + 2, serial(dns.secondaryAddress()));
    }

    @Test
    void replyToASignedUpdateIsSignedWithTheSameKey() throws Exception {
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.10"), key, false);
        assertTrue(r.isSigned());
        assertTrue(r.isVerified(), "the client verified the server's MAC");
        assertEquals(Rcode.NOERROR, r.getTSIG().getError());
    }

    @Test
    void updateOverTcpWorks() throws Exception {
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.11", "127.0.1.12"), key, true);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.isVerified());
        assertEquals(List.of("127.0.1.11", "127.0.1.12"), values(dns.primaryAddress(), FQDN, Type.A));
    }

    @Test
    void absentPrerequisiteCreatesANewRRset() throws Exception {
        Update u = new Update(name("dr.example.test"));
        u.absent(name("new.dr.example.test"), Type.A);
        u.add(name("new.dr.example.test"), Type.A, 30, "192.0.2.7");
        assertEquals(Rcode.NOERROR, DnsProbe.send(dns.primaryAddress(), u, key, false).getRcode());
        assertEquals(List.of("192.0.2.7"), values(dns.primaryAddress(), "new.dr.example.test", Type.A));
    }

    @Test
    void absentPrerequisiteOnAnExistingRRsetIsYxrrset() throws Exception {
        Message r = DnsProbe.send(dns.primaryAddress(), replace(null, "127.0.1.10"), key, false);
        assertEquals(Rcode.YXRRSET, r.getRcode());
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
    }

    @Test
    void stalePrerequisiteIsNxrrsetAndChangesNothing() throws Exception {
        long before = serial(dns.primaryAddress());
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.99", "127.0.1.10"), key, false);
        assertEquals(Rcode.NXRRSET, r.getRcode());
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
        assertEquals(before, serial(dns.primaryAddress()));
    }

    @Test
    void prerequisiteWithNonZeroTtlIsFormerr() throws Exception {
        Update u = new Update(name("dr.example.test"));
        u.present(new ARecord(name(FQDN), DClass.IN, 60, java.net.InetAddress.getByName("127.0.1.200")));
        u.delete(name(FQDN), Type.A);
        u.add(name(FQDN), Type.A, 60, "127.0.1.10");
        assertEquals(Rcode.FORMERR, DnsProbe.send(dns.primaryAddress(), u, key, false).getRcode());
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
    }

    @Test
    void wrongSecretIsNotauthWithBadsig() throws Exception {
        TSIG wrong = key(dns.keyName(), Base64.getEncoder().encodeToString(new byte[32]));
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.10"), wrong, false);
        assertEquals(Rcode.NOTAUTH, r.getRcode());
        assertNotNull(r.getTSIG());
        assertEquals(Rcode.BADSIG, r.getTSIG().getError());
        assertFalse(r.isVerified());
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
    }

    @Test
    void unknownKeyNameIsNotauthWithBadkey() throws Exception {
        TSIG stranger = key("someone-else", dns.keySecret());
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.10"), stranger, false);
        assertEquals(Rcode.NOTAUTH, r.getRcode());
        assertEquals(Rcode.BADKEY, r.getTSIG().getError());
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
    }

    @Test
    void wrongAlgorithmIsNotauthWithBadkey() throws Exception {
        TSIG sha512 = new TSIG(TSIG.HMAC_SHA512, name(dns.keyName()), dns.keySecret());
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.10"), sha512, false);
        assertEquals(Rcode.NOTAUTH, r.getRcode());
        assertEquals(Rcode.BADKEY, r.getTSIG().getError());
    }

    @Test
    void queryWithAnUnknownKeyIsNotauthWithBadkey() throws Exception {
        Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(name(FQDN), Type.A, DClass.IN));
        Message r = DnsProbe.send(dns.primaryAddress(), q, key("someone-else", dns.keySecret()), false);
        assertEquals(Rcode.NOTAUTH, r.getRcode());
        assertEquals(Rcode.BADKEY, r.getTSIG().getError());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void clockSkewBeyondTheFudgeIsNotauthWithBadtime() throws Exception {
        SecretKeySpec secret = new SecretKeySpec(Base64.getDecoder().decode(dns.keySecret()), "HmacSHA256");
        TSIG skewed = new TSIG(TSIG.HMAC_SHA256, name(dns.keyName()), secret,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.10"), skewed, false);
        assertEquals(Rcode.NOTAUTH, r.getRcode());
        assertEquals(Rcode.BADTIME, r.getTSIG().getError());
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
    }

    @Test
    void unsignedUpdateIsRefused() throws Exception {
        Message r = DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.10"), null, false);
        assertEquals(Rcode.REFUSED, r.getRcode());
        assertNull(r.getTSIG());
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
    }

    @Test
    void nameOutsideTheZoneIsNotzone() throws Exception {
        Update u = new Update(name("dr.example.test"));
        u.absent(name("www.example.org"), Type.A);
        u.add(name("www.example.org"), Type.A, 60, "192.0.2.1");
        assertEquals(Rcode.NOTZONE, DnsProbe.send(dns.primaryAddress(), u, key, false).getRcode());
        Update add = new Update(name("dr.example.test"));
        add.add(name("www.example.org"), Type.A, 60, "192.0.2.1");
        assertEquals(Rcode.NOTZONE, DnsProbe.send(dns.primaryAddress(), add, key, false).getRcode());
    }

    @Test
    void zoneNotServedIsNotauth() throws Exception {
        Update u = new Update(name("other.example.test"));
        u.add(name("a.other.example.test"), Type.A, 60, "192.0.2.1");
        Message r = DnsProbe.send(dns.primaryAddress(), u, key, false);
        assertEquals(Rcode.NOTAUTH, r.getRcode());
        assertEquals(Rcode.NOERROR, r.getTSIG().getError());
    }

    @Test
    void updateSentToTheSecondaryIsRefused() throws Exception {
        Message r = DnsProbe.send(dns.secondaryAddress(), replace("127.0.1.200", "127.0.1.10"), null, false);
        assertEquals(Rcode.REFUSED, r.getRcode());
        assertEquals(List.of("127.0.1.200"), values(dns.secondaryAddress(), FQDN, Type.A));
    }

    @Test
    void updateSignedWithTheUpdateKeyToTheSecondaryFailsLikeBind() throws Exception {
        // BIND's secondary does not hold the update key and does not forward: REFUSED with TSIG error BADKEY
        Message r = DnsProbe.send(dns.secondaryAddress(), replace("127.0.1.200", "127.0.1.10"), key, false);
        assertEquals(Rcode.REFUSED, r.getRcode());
        assertEquals(Rcode.BADKEY, r.getTSIG().getError());
        // nothing was committed, so nothing can reach the secondary later
        assertEquals(serial(dns.secondaryAddress()), serial(dns.primaryAddress()));
        assertEquals(List.of("127.0.1.200"), values(dns.primaryAddress(), FQDN, Type.A));
        assertEquals(List.of("127.0.1.200"), values(dns.secondaryAddress(), FQDN, Type.A));
    }

    @Test
    void serialGoesUpByOneOnEveryChangeAndNotOnANoOp() throws Exception {
        long s0 = serial(dns.primaryAddress());
        assertEquals(Rcode.NOERROR, DnsProbe.send(dns.primaryAddress(), replace("127.0.1.200", "127.0.1.1"), key, false).getRcode());
        assertEquals(s0 + 1, serial(dns.primaryAddress()));
        assertEquals(Rcode.NOERROR, DnsProbe.send(dns.primaryAddress(), replace("127.0.1.1", "127.0.1.2"), key, true).getRcode());
        assertEquals(s0 + 2, serial(dns.primaryAddress()));
        Update nothing = new Update(name("dr.example.test"));
        nothing.delete(name("gone.dr.example.test"), Type.A);
        assertEquals(Rcode.NOERROR, DnsProbe.send(dns.primaryAddress(), nothing, key, false).getRcode());
        assertEquals(s0 + 2, serial(dns.primaryAddress()), "deleting what is not there changes nothing");
    }

    @Test
    void signedQueriesGetSignedAnswers() throws Exception {
        Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(name(FQDN), Type.A, DClass.IN));
        Message r = DnsProbe.send(dns.primaryAddress(), q, key, false);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.isVerified());
        assertEquals(List.of("127.0.1.200"), values(r, FQDN, Type.A));
    }
}
