package io.runbook.lab.dns;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers a standard query from one zone the way an authoritative server does: AA set; the RRset, or the
 * CNAME chain inside the zone; NODATA or NXDOMAIN with the SOA in the authority section (TTL = the lower of
 * the SOA's TTL and its minimum, RFC 2308); glue for NS answers in the additional section.
 */
final class QueryAnswerer {
    private static final int MAX_CHAIN = 8;

    private QueryAnswerer() {
    }

    static void answer(ZoneData zone, Record question, Message response) {
        response.getHeader().setFlag(Flags.AA);
        Name name = question.getName();
        int type = question.getType();
        Set<Name> seen = new HashSet<>();
        for (int step = 0; step < MAX_CHAIN && seen.add(name); step++) {
            if (type == Type.ANY) {
                Map<Integer, List<Record>> all = zone.at(name);
                all.values().forEach(rs -> rs.forEach(r -> response.addRecord(r, Section.ANSWER)));
                negativeIfEmpty(zone, name, all.isEmpty(), response);
                return;
            }
            List<Record> rrset = zone.rrset(name, type);
            if (!rrset.isEmpty()) {
                rrset.forEach(r -> response.addRecord(r, Section.ANSWER));
                addGlue(zone, rrset, response);
                return;
            }
            List<Record> cname = zone.rrset(name, Type.CNAME);
            if (cname.isEmpty()) {
                negativeIfEmpty(zone, name, true, response);
                return;
            }
            response.addRecord(cname.get(0), Section.ANSWER);
            name = ((CNAMERecord) cname.get(0)).getTarget();
            if (!zone.contains(name)) {
                return;
            }
        }
    }

    private static void negativeIfEmpty(ZoneData zone, Name name, boolean empty, Message response) {
        if (!empty) {
            return;
        }
        if (!zone.exists(name)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        response.addRecord(negativeSoa(zone.soa()), Section.AUTHORITY);
    }

    static Record negativeSoa(SOARecord soa) {
        return ZoneEdit.withTtl(soa, Math.min(soa.getTTL(), soa.getMinimum()));
    }

    private static void addGlue(ZoneData zone, List<Record> rrset, Message response) {
        for (Record r : rrset) {
            if (r instanceof NSRecord ns && zone.contains(ns.getTarget())) {
                zone.rrset(ns.getTarget(), Type.A).forEach(a -> response.addRecord(a, Section.ADDITIONAL));
                zone.rrset(ns.getTarget(), Type.AAAA).forEach(a -> response.addRecord(a, Section.ADDITIONAL));
            }
        }
    }
}
