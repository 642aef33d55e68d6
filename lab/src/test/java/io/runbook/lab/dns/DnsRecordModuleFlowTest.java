package io.runbook.lab.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * The dns_record module's calls, step by step (lab/ may not depend on modules/, so they are restated here):
 * key from a BIND key file, authoritative read of the primary over TCP, compare-and-set UPDATE, read-back,
 * NS discovery with glue from the primary plus the {@code port} argument, then polling every server until it
 * answers with AA and exactly the wanted RRset and TTL.
 */
class DnsRecordModuleFlowTest {
    private static final Name ZONE = DnsProbe.name("dr.example.test");
    private static final Name FQDN = DnsProbe.name("tsb.dr.example.test");
    private static final Duration DELAY = Duration.ofMillis(700);
    private LabDns dns;
    private TSIG key;

    /** What one server holds: rcode, AA, values and TTL of the RRset (as the module's DnsClient.Answer). */
    record Answer(int rcode, boolean aa, List<String> values, long ttl) {
        boolean usable() {
            return aa && (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN);
        }
    }

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        dns = LabDns.start(LabDnsOptions.defaults().withSecondaryDelay(DELAY).withRecords(List.of("tsb 60 A 127.0.1.200")));
        key = keyFromFile(dns.writeKeyFile(dir.resolve("update.key")));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    /** BindKeyFile + TsigKeySource: the first key clause, hmac-sha256, name made absolute. */
    private static TSIG keyFromFile(Path file) throws Exception {
        String text = Files.readString(file);
        Matcher m = Pattern.compile("\\bkey\\s+(\"[^\"]+\"|[^\\s{]+)\\s*\\{([^}]*)\\}\\s*;?").matcher(text);
        assertTrue(m.find());
        Matcher secret = Pattern.compile("\\bsecret\\s+\"([^\"]*)\"\\s*;").matcher(m.group(2));
        assertTrue(secret.find());
        Name keyName = Name.fromString(m.group(1).replace("\"", ""), Name.root);
        return new TSIG(TSIG.HMAC_SHA256, keyName, Base64.getDecoder().decode(secret.group(1).trim()));
    }

    private static Answer ask(InetSocketAddress server, Name name, int type) throws Exception {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        q.getHeader().unsetFlag(Flags.RD);
        Message r = DnsProbe.send(server, q, null, true);
        List<String> values = new ArrayList<>();
        long ttl = -1;
        for (Record rec : r.getSection(Section.ANSWER)) {
            if (rec.getType() == type && rec.getName().equals(name)) {
                values.add(rec.rdataToString());
                ttl = rec.getTTL();
            }
        }
        values.sort(null);
        return new Answer(r.getRcode(), r.getHeader().getFlag(Flags.AA), values, ttl);
    }

    /** CompareAndSetUpdate.send: returns the rcode and the TSIG error of the reply. */
    private int[] compareAndSet(Answer read, List<String> wanted, long ttl) throws Exception {
        Update u = new Update(ZONE);
        if (read.values().isEmpty()) {
            u.absent(FQDN, Type.A);
        } else {
            for (String v : read.values()) {
                u.present(FQDN, Type.A, v);
            }
        }
        u.delete(FQDN, Type.A);
        for (String v : wanted) {
            u.add(FQDN, Type.A, ttl, v);
        }
        Message r = DnsProbe.send(dns.primaryAddress(), u, key, true);
        return new int[] {r.getRcode(), r.getTSIG() == null ? Rcode.NOERROR : r.getTSIG().getError()};
    }

    /** AuthoritativeServers.toCheck: every NS of the zone, its address from the primary's glue, the module's port. */
    private List<InetSocketAddress> serversToCheck(int port) throws Exception {
        List<InetSocketAddress> out = new ArrayList<>();
        Message ns = DnsProbe.query(dns.primaryAddress(), ZONE.toString(), Type.NS, true);
        for (Record r : ns.getSection(Section.ANSWER)) {
            if (r instanceof NSRecord n && n.getTarget().subdomain(ZONE)) {
                Message a = DnsProbe.query(dns.primaryAddress(), n.getTarget().toString(), Type.A, true);
                for (Record ar : a.getSection(Section.ANSWER)) {
                    out.add(new InetSocketAddress(((ARecord) ar).getAddress(), port));
                }
            }
        }
        return out;
    }

    /** PropagationCheck.await: per server, the seconds until it had the wanted RRset (AA, values, TTL). */
    private Map<String, Long> awaitPropagation(List<InetSocketAddress> servers, List<String> wanted, long ttl)
            throws Exception {
        return awaitPropagation(servers, wanted, ttl, System.nanoTime());
    }

    /** Times are measured from {@code start} (taken before the change: they can only be longer than the real lag). */
    private Map<String, Long> awaitPropagation(List<InetSocketAddress> servers, List<String> wanted, long ttl, long start)
            throws Exception {
        Map<String, Long> doneAfterMs = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long delay = 50;
        while (doneAfterMs.size() < servers.size() && System.nanoTime() < deadline) {
            for (InetSocketAddress s : servers) {
                String label = s.getAddress().getHostAddress() + ":" + s.getPort();
                Answer a = ask(s, FQDN, Type.A);
                boolean same = a.values().equals(wanted) && (wanted.isEmpty() || a.ttl() == ttl);
                if (!doneAfterMs.containsKey(label) && a.usable() && same) {
                    doneAfterMs.put(label, (System.nanoTime() - start) / 1_000_000);
                }
            }
            Thread.sleep(delay);
            delay = Math.min(1000, delay * 2);
        }
        return doneAfterMs;
    }

    @Test
    void repointingTheMpFqdnPropagatesToBothNameserversFoundThroughNsAndGlue() throws Exception {
        Answer read = ask(dns.primaryAddress(), FQDN, Type.A);
        assertTrue(read.usable());
        assertEquals(List.of("127.0.1.200"), read.values());

        long sent = System.nanoTime();
        int[] result = compareAndSet(read, List.of("127.0.1.10"), 60);
        assertEquals(Rcode.NOERROR, result[0]);
        assertEquals(Rcode.NOERROR, result[1]);
        assertEquals(List.of("127.0.1.10"), ask(dns.primaryAddress(), FQDN, Type.A).values(), "read-back on the primary");

        List<InetSocketAddress> servers = serversToCheck(dns.port());
        assertEquals(List.of(dns.primaryAddress(), dns.secondaryAddress()), servers);
        Map<String, Long> done = awaitPropagation(servers, List.of("127.0.1.10"), 60, sent);
        assertEquals(2, done.size(), "both servers have the new address: " + done);
        long ns2 = done.get("127.0.0.2:" + dns.port());
        assertTrue(ns2 >= DELAY.toMillis(), "the secondary lagged (" + ns2 + " ms)");
        assertTrue(done.get("127.0.0.1:" + dns.port()) <= ns2, "the primary had it first: " + done);
    }

    @Test
    void secondRunFindsTheWantedRRsetAndSendsNoUpdate() throws Exception {
        Answer read = ask(dns.primaryAddress(), FQDN, Type.A);
        assertEquals(Rcode.NOERROR, compareAndSet(read, List.of("127.0.1.10", "127.0.1.11"), 60)[0]);
        long serial = dns.snapshot().serial();
        Answer again = ask(dns.primaryAddress(), FQDN, Type.A);
        assertEquals(List.of("127.0.1.10", "127.0.1.11"), again.values());
        assertEquals(60, again.ttl(), "a multi-value RRset keeps every value and the TTL");
        assertEquals(serial, dns.snapshot().serial());
    }

    @Test
    void stateAbsentDeletesTheRecordAndBothServersThenAnswerNxdomainWithAuthority() throws Exception {
        Answer read = ask(dns.primaryAddress(), FQDN, Type.A);
        assertEquals(Rcode.NOERROR, compareAndSet(read, List.of(), 0)[0]);
        Map<String, Long> done = awaitPropagation(serversToCheck(dns.port()), List.of(), 0);
        assertEquals(2, done.size(), "both servers have dropped the record: " + done);
        Answer gone = ask(dns.secondaryAddress(), FQDN, Type.A);
        assertEquals(Rcode.NXDOMAIN, gone.rcode());
        assertTrue(gone.aa());
    }

    @Test
    void stoppedSecondaryMakesPropagationLagUntilItReturns() throws Exception {
        long feedBefore = dns.secondaryFeedAttempts();
        dns.stopSecondary();
        Answer read = ask(dns.primaryAddress(), FQDN, Type.A);
        assertEquals(Rcode.NOERROR, compareAndSet(read, List.of("127.0.1.12"), 60)[0]);
        List<InetSocketAddress> servers = serversToCheck(dns.port());
        // the change's time for the secondary comes while it is stopped (counted by the feed, not slept for)
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (dns.secondaryFeedAttempts() <= feedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long restarted = System.nanoTime();
        dns.startSecondary();
        Map<String, Long> done = awaitPropagation(servers, List.of("127.0.1.12"), 60, restarted);
        assertEquals(2, done.size(), "the secondary caught up after it started again: " + done);
        assertTrue(done.get("127.0.0.2:" + dns.port()) >= DELAY.toMillis(), done.toString());
    }
}
