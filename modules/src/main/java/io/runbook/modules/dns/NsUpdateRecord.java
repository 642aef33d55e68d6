package io.runbook.modules.dns;

import io.runbook.engine.module.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The record of one community.general.nsupdate task, named as it names it: {@code record} is relative to the zone
 * unless it ends with a dot; without {@code zone} it must, and the zone is the first name up from it for which
 * {@code server} answers with a SOA. Values are zone-file text, relative names in them relative to the zone; a TXT
 * value not already in double quotes is quoted whole.
 *
 * @param values  the values as registered ({@code record.value}): TXT ones quoted; null when none were given
 * @param records the values as records with the task's TTL
 */
record NsUpdateRecord(String zoneText, Name zone, String recordText, Name fqdn, String typeText, int type, int ttl,
                      List<String> values, List<Record> records) {

    static NsUpdateRecord from(Args args, NsUpdateServer server) throws DnsFailure {
        String record = args.string("record");
        if (record == null || record.isEmpty()) {
            throw new DnsFailure("record cannot be empty.");
        }
        String zoneText = args.string("zone");
        if (zoneText == null) {
            if (!record.endsWith(".")) {
                throw new DnsFailure("record must be absolute when omitting zone parameter: write " + record
                        + ". (with the final dot), or give zone");
            }
            zoneText = lookupZone(server, name(record, Name.root), record).toString();
        } else if (!zoneText.endsWith(".")) {
            zoneText += ".";
        }
        Name zone = name(zoneText, Name.root);
        Name fqdn = name(record, zone);
        String typeText = args.string("type");
        int type = Type.value(typeText);
        if (type < 0) {
            throw new DnsFailure("Record error: DNS resource record type is unknown: '" + typeText + "'");
        }
        int ttl = args.integer("ttl");
        List<String> values = null;
        List<Record> records = new ArrayList<>();
        if (args.raw("value") != null) {
            values = new ArrayList<>();
            for (String v : args.strings("value")) {
                String text = type == Type.TXT && !(v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) ? "\"" + v + "\"" : v;
                values.add(text);
                try {
                    records.add(RecordValues.fromText(fqdn, type, ttl, text, zone));
                } catch (DnsFailure e) {
                    throw new DnsFailure("Invalid/malformed value: " + e.getMessage());
                }
            }
        }
        return new NsUpdateRecord(zoneText, zone, record, fqdn, typeText, type, ttl, values, records);
    }

    private static Name name(String text, Name origin) throws DnsFailure {
        try {
            return Name.fromString(text, origin);
        } catch (TextParseException e) {
            throw new DnsFailure("'" + text + "' is not a valid DNS name: " + e.getMessage());
        }
    }

    /**
     * The zone of {@code name} as nsupdate finds it: asks {@code server} for the SOA of the name, then of each parent;
     * the zone is the name whose SOA is in the answer, or the SOA's owner in the authority section of a name below it.
     */
    static Name lookupZone(NsUpdateServer server, Name name, String record) throws DnsFailure {
        Name at = name;
        while (true) {
            Message response = server.query(at, Type.SOA);
            if (response.getRcode() == Rcode.SERVFAIL || response.getRcode() == Rcode.REFUSED) {
                throw new DnsFailure("Zone lookup failure: '" + server.address().label() + "' will not respond to queries regarding '"
                        + record + "'. (it answered " + Rcode.string(response.getRcode()) + " for " + at
                        + " SOA: does it serve the zone? else give zone)");
            }
            for (Record r : response.getSection(Section.ANSWER)) {
                if (r instanceof SOARecord && r.getName().equals(at)) {
                    return at;
                }
            }
            for (Record r : response.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord && at.subdomain(r.getName()) && !at.equals(r.getName())) {
                    return r.getName();
                }
            }
            if (at.labels() <= 1) {
                throw new DnsFailure("Zone lookup of '" + record + "' failed for unknown reason. (no SOA for it or a parent"
                        + " from " + server.address().describe() + "; give zone)");
            }
            at = new Name(at, 1);
        }
    }

    /** The registered {@code record}: zone (absolute), record and type as written, ttl, value. */
    Map<String, Object> resultMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", zoneText);
        m.put("record", recordText);
        m.put("type", typeText);
        m.put("ttl", ttl);
        m.put("value", values);
        return m;
    }

    String describe() {
        return fqdn + " " + Type.string(type);
    }
}
