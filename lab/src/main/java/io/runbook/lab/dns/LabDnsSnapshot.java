package io.runbook.lab.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The contents of the lab zone as plain data, so the lab can keep it between runs: the zone, its SOA serial
 * and one entry per RRset. {@link #asMap()} / {@link #fromMap} give maps and lists of strings and numbers
 * (ready for a YAML or JSON writer); {@link #toZoneFile()} / {@link #fromZoneFile} give zone-file text.
 */
public record LabDnsSnapshot(String zone, long serial, List<RRsetEntry> rrsets) {
    /** One RRset: absolute owner name, type mnemonic, TTL, values in zone-file syntax. */
    public record RRsetEntry(String name, String type, long ttl, List<String> values) {
        public RRsetEntry {
            values = List.copyOf(values);
        }
    }

    public LabDnsSnapshot {
        Objects.requireNonNull(zone, "zone");
        rrsets = List.copyOf(rrsets);
    }

    static LabDnsSnapshot of(ZoneData zone) {
        List<RRsetEntry> entries = new ArrayList<>();
        zone.names().forEach((name, types) -> types.forEach((type, records) -> entries.add(new RRsetEntry(
                name.toString(), Type.string(type), records.get(0).getTTL(),
                records.stream().map(Record::rdataToString).toList()))));
        return new LabDnsSnapshot(zone.origin().toString(), zone.serial(), entries);
    }

    ZoneData toZone() {
        Name origin = ZoneDescription.child(zone, Name.root);
        StringBuilder text = new StringBuilder();
        for (RRsetEntry e : rrsets) {
            for (String v : e.values()) {
                text.append(e.name()).append(' ').append(e.ttl()).append(" IN ").append(e.type()).append(' ')
                        .append(v).append('\n');
            }
        }
        return ZoneData.of(origin, ZoneDescription.parse(origin, text.toString()));
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", zone);
        m.put("serial", serial);
        List<Map<String, Object>> list = new ArrayList<>();
        for (RRsetEntry e : rrsets) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", e.name());
            r.put("type", e.type());
            r.put("ttl", e.ttl());
            r.put("values", e.values());
            list.add(r);
        }
        m.put("rrsets", list);
        return m;
    }

    /** Reads what {@link #asMap()} wrote (numbers may come back as any {@link Number}). */
    @SuppressWarnings("unchecked")
    public static LabDnsSnapshot fromMap(Map<String, ?> m) {
        List<RRsetEntry> entries = new ArrayList<>();
        for (Map<String, ?> r : (List<Map<String, ?>>) m.get("rrsets")) {
            entries.add(new RRsetEntry(String.valueOf(r.get("name")), String.valueOf(r.get("type")),
                    ((Number) r.get("ttl")).longValue(),
                    ((List<?>) r.get("values")).stream().map(String::valueOf).toList()));
        }
        return new LabDnsSnapshot(String.valueOf(m.get("zone")), ((Number) m.get("serial")).longValue(), entries);
    }

    /** The zone as zone-file text, absolute names, SOA first. */
    public String toZoneFile() {
        StringBuilder out = new StringBuilder("$ORIGIN ").append(zone).append('\n');
        toZone().records().forEach(r -> out.append(r).append('\n'));
        return out.toString();
    }

    /** Reads zone-file text such as {@link #toZoneFile()} writes. */
    public static LabDnsSnapshot fromZoneFile(String zoneName, String text) {
        Name origin = ZoneDescription.child(zoneName, Name.root);
        return of(ZoneData.of(origin, ZoneDescription.parse(origin, text)));
    }
}
