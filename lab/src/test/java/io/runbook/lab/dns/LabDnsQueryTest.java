package io.runbook.lab.dns;

import static io.runbook.lab.dns.DnsProbe.authoritative;
import static io.runbook.lab.dns.DnsProbe.query;
import static io.runbook.lab.dns.DnsProbe.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class LabDnsQueryTest {
    private static LabDns dns;

    @BeforeAll
    static void start() throws Exception {
        dns = LabDns.start(LabDnsOptions.defaults().withRecords(List.of(
                "tsb 60 A 127.0.1.200",
                "multi 120 A 192.0.2.1",
                "multi 120 A 192.0.2.2",
                "v6 AAAA 2001:db8::1",
                "alias CNAME tsb",
                "outside CNAME lb.example.com.",
                "txt TXT \"hello lab\"",
                "_acme.deep.ent A 192.0.2.9",
                "big 60 TXT \"" + "x".repeat(200) + "\"",
                "big 60 TXT \"" + "y".repeat(200) + "\"",
                "big 60 TXT \"" + "z".repeat(200) + "\"")));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void bothServersAnswerAuthoritativelyOverUdpAndTcp() throws Exception {
        for (InetSocketAddress server : List.of(dns.primaryAddress(), dns.secondaryAddress())) {
            for (boolean tcp : new boolean[] {false, true}) {
                Message m = query(server, "tsb.dr.example.test", Type.A, tcp);
                assertEquals(Rcode.NOERROR, m.getRcode(), server + " tcp=" + tcp);
                assertTrue(authoritative(m), "AA set by " + server + " tcp=" + tcp);
                assertEquals(List.of("127.0.1.200"), values(m, "tsb.dr.example.test", Type.A));
                assertEquals(60, m.getSection(Section.ANSWER).get(0).getTTL());
            }
        }
    }

    @Test
    void multiValueAaaaAndTxtRecordsAreServed() throws Exception {
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), values(dns.primaryAddress(), "multi.dr.example.test", Type.A));
        assertEquals(List.of("2001:db8:0:0:0:0:0:1"), values(dns.primaryAddress(), "v6.dr.example.test", Type.AAAA));
        assertEquals(List.of("\"hello lab\""), values(dns.primaryAddress(), "txt.dr.example.test", Type.TXT));
    }

    @Test
    void primaryAndSecondaryShareOnePortOnTwoLoopbackAddresses() {
        assertEquals("127.0.0.1", dns.primaryAddress().getAddress().getHostAddress());
        assertEquals("127.0.0.2", dns.secondaryAddress().getAddress().getHostAddress());
        assertEquals(dns.port(), dns.primaryAddress().getPort());
        assertEquals(dns.port(), dns.secondaryAddress().getPort());
        assertTrue(dns.port() > 0);
    }

    @Test
    void nsRecordsAndGlueNameBothServers() throws Exception {
        Message ns = query(dns.primaryAddress(), "dr.example.test", Type.NS);
        assertEquals(List.of("ns1.dr.example.test.", "ns2.dr.example.test."), values(ns, "dr.example.test", Type.NS));
        assertEquals(2, ns.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() == Type.A).count(),
                "glue A records in the additional section");
        assertEquals(List.of("127.0.0.1"), values(dns.primaryAddress(), "ns1.dr.example.test", Type.A));
        assertEquals(List.of("127.0.0.2"), values(dns.primaryAddress(), "ns2.dr.example.test", Type.A));
    }

    @Test
    void missingNameIsNxdomainWithSoaInAuthority() throws Exception {
        Message m = query(dns.primaryAddress(), "nothing.dr.example.test", Type.A);
        assertEquals(Rcode.NXDOMAIN, m.getRcode());
        assertTrue(authoritative(m));
        assertTrue(m.getSection(Section.ANSWER).isEmpty());
        List<Record> authority = m.getSection(Section.AUTHORITY);
        assertEquals(1, authority.size());
        SOARecord soa = (SOARecord) authority.get(0);
        assertEquals(Math.min(soa.getMinimum(), 3600), soa.getTTL(), "negative TTL = min(SOA TTL, minimum)");
    }

    @Test
    void missingTypeIsNodataWithSoaInAuthority() throws Exception {
        Message m = query(dns.primaryAddress(), "tsb.dr.example.test", Type.AAAA);
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertTrue(authoritative(m));
        assertTrue(m.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, m.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void emptyNonTerminalIsNodataNotNxdomain() throws Exception {
        Message m = query(dns.primaryAddress(), "deep.ent.dr.example.test", Type.A);
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertTrue(m.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void cnameIsFollowedInsideTheZoneAndReturnedWhenItLeavesIt() throws Exception {
        Message inZone = query(dns.primaryAddress(), "alias.dr.example.test", Type.A);
        assertEquals(List.of("tsb.dr.example.test."), values(inZone, "alias.dr.example.test", Type.CNAME));
        assertEquals(List.of("127.0.1.200"), values(inZone, "tsb.dr.example.test", Type.A));
        Message out = query(dns.primaryAddress(), "outside.dr.example.test", Type.A);
        assertEquals(Rcode.NOERROR, out.getRcode());
        assertEquals(List.of("lb.example.com."), values(out, "outside.dr.example.test", Type.CNAME));
    }

    @Test
    void nameInNoServedZoneIsRefusedWithoutAuthority() throws Exception {
        Message m = query(dns.primaryAddress(), "www.example.org", Type.A);
        assertEquals(Rcode.REFUSED, m.getRcode());
        assertFalse(authoritative(m));
    }

    @Test
    void largeAnswerIsTruncatedOverUdpWithoutEdnsAndWholeOverTcp() throws Exception {
        Message q = Message.newQuery(Record.newRecord(DnsProbe.name("big.dr.example.test"), Type.TXT, DClass.IN));
        byte[] wire = q.toWire();
        byte[] buffer = new byte[65535];
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            socket.send(new DatagramPacket(wire, wire.length, dns.primaryAddress()));
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            assertTrue(reply.getLength() <= 512, "UDP reply of " + reply.getLength() + " bytes");
            Message m = new Message(Arrays.copyOf(buffer, reply.getLength()));
            assertTrue(m.getHeader().getFlag(Flags.TC), "TC set");
        }
        assertEquals(3, values(query(dns.primaryAddress(), "big.dr.example.test", Type.TXT, true), "big.dr.example.test", Type.TXT).size());
    }

    @Test
    void soaNamesNs1AsPrimary() throws Exception {
        Message m = query(dns.secondaryAddress(), "dr.example.test", Type.SOA);
        SOARecord soa = (SOARecord) m.getSection(Section.ANSWER).get(0);
        assertEquals("ns1.dr.example.test.", soa.getHost().toString());
    }
}
