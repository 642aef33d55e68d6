package io.runbook.lab.dns;

import static io.runbook.lab.dns.DnsProbe.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** RFC 2136 semantics on the zone contents, without the network. */
class UpdateProcessorTest {
    private static final Name ZONE = name("dr.example.test");

    private static ZoneData zone() throws Exception {
        return ZoneDescription.build(ZONE, InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"),
                List.of("tsb 60 A 127.0.1.200", "tsb 60 A 127.0.1.201", "tsb TXT \"mp\"", "alias CNAME tsb"));
    }

    private static List<String> values(ZoneData z, String owner, int type) {
        return z.rrset(name(owner), type).stream().map(Record::rdataToString).sorted().toList();
    }

    private static UpdateProcessor.Outcome apply(ZoneData z, Update u) {
        return UpdateProcessor.apply(z, u);
    }

    @Test
    void deletingOneRecordKeepsTheRestOfTheRRset() throws Exception {
        Update u = new Update(ZONE);
        u.delete(new ARecord(name("tsb.dr.example.test"), DClass.IN, 0, InetAddress.getByName("127.0.1.200")));
        UpdateProcessor.Outcome out = apply(zone(), u);
        assertEquals(Rcode.NOERROR, out.rcode());
        assertEquals(List.of("127.0.1.201"), values(out.zone(), "tsb.dr.example.test", Type.A));
    }

    @Test
    void deletingANameRemovesAllItsRRsets() throws Exception {
        Update u = new Update(ZONE);
        u.delete(name("tsb.dr.example.test"));
        ZoneData after = apply(zone(), u).zone();
        assertEquals(List.of(), values(after, "tsb.dr.example.test", Type.A));
        assertEquals(List.of(), values(after, "tsb.dr.example.test", Type.TXT));
    }

    @Test
    void theApexKeepsItsSoaAndNsWhatEverTheUpdateDeletes() throws Exception {
        ZoneData before = zone();
        Update u = new Update(ZONE);
        u.delete(ZONE);
        u.delete(ZONE, Type.NS);
        u.delete(ZONE, Type.SOA);
        ZoneData after = apply(before, u).zone();
        assertEquals(2, after.rrset(ZONE, Type.NS).size());
        assertEquals(1, after.rrset(ZONE, Type.SOA).size());
        assertSame(before, after, "nothing changed, so no new version and no serial bump");
    }

    @Test
    void aCnameAndOtherDataNeverShareAName() throws Exception {
        Update u = new Update(ZONE);
        u.add(name("alias.dr.example.test"), Type.A, 60, "192.0.2.1");
        u.add(name("tsb.dr.example.test"), Type.CNAME, 60, "elsewhere.example.com.");
        ZoneData after = apply(zone(), u).zone();
        assertEquals(List.of(), values(after, "alias.dr.example.test", Type.A));
        assertEquals(List.of(), values(after, "tsb.dr.example.test", Type.CNAME));
    }

    @Test
    void addingToAnRRsetGivesTheWholeRRsetTheNewTtl() throws Exception {
        Update u = new Update(ZONE);
        u.add(name("tsb.dr.example.test"), Type.A, 30, "127.0.1.202");
        ZoneData after = apply(zone(), u).zone();
        assertEquals(3, after.rrset(name("tsb.dr.example.test"), Type.A).size());
        after.rrset(name("tsb.dr.example.test"), Type.A).forEach(r -> assertEquals(30, r.getTTL()));
    }

    @Test
    void nameAndRRsetPrerequisitesGiveTheRfcRcodes() throws Exception {
        ZoneData z = zone();
        Update inUse = new Update(ZONE);
        inUse.absent(name("tsb.dr.example.test"));
        assertEquals(Rcode.YXDOMAIN, apply(z, inUse).rcode());
        Update notInUse = new Update(ZONE);
        notInUse.present(name("missing.dr.example.test"));
        assertEquals(Rcode.NXDOMAIN, apply(z, notInUse).rcode());
        Update rrsetMissing = new Update(ZONE);
        rrsetMissing.present(name("tsb.dr.example.test"), Type.AAAA);
        assertEquals(Rcode.NXRRSET, apply(z, rrsetMissing).rcode());
        Update partialValues = new Update(ZONE);
        partialValues.present(name("tsb.dr.example.test"), Type.A, "127.0.1.200");
        assertEquals(Rcode.NXRRSET, apply(z, partialValues).rcode(), "value-dependent means the whole RRset");
        Update allValues = new Update(ZONE);
        allValues.present(name("tsb.dr.example.test"), Type.A, "127.0.1.200");
        allValues.present(name("tsb.dr.example.test"), Type.A, "127.0.1.201");
        assertEquals(Rcode.NOERROR, apply(z, allValues).rcode());
    }

    @Test
    void anAddOfAMetaTypeIsFormerr() throws Exception {
        Update u = new Update(ZONE);
        u.add(Record.newRecord(name("x.dr.example.test"), Type.ANY, DClass.IN, 60, new byte[0]));
        assertEquals(Rcode.FORMERR, apply(zone(), u).rcode());
    }

    @Test
    void serialGoesUpByOnePerChangingUpdate() throws Exception {
        ZoneData z = zone();
        Update u = new Update(ZONE);
        u.add(name("new.dr.example.test"), Type.A, 60, "192.0.2.1");
        u.add(name("new2.dr.example.test"), Type.A, 60, "192.0.2.2");
        assertEquals(z.serial() + 1, apply(z, u).zone().serial());
    }
}
