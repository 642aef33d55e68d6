package io.runbook.lab.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The contents of one zone at one serial: immutable, so a server can answer from it while an update builds
 * the next version ({@link ZoneEdit}) and the secondary can hold an older one.
 */
final class ZoneData {
    private final Name origin;
    private final Map<Name, Map<Integer, List<Record>>> names;

    ZoneData(Name origin, Map<Name, Map<Integer, List<Record>>> names) {
        this.origin = origin;
        Map<Name, Map<Integer, List<Record>>> copy = new TreeMap<>();
        names.forEach((name, types) -> {
            Map<Integer, List<Record>> t = new LinkedHashMap<>();
            types.forEach((type, records) -> {
                if (!records.isEmpty()) {
                    t.put(type, List.copyOf(records));
                }
            });
            if (!t.isEmpty()) {
                copy.put(name, Collections.unmodifiableMap(t));
            }
        });
        this.names = Collections.unmodifiableMap(copy);
        if (soaOrNull() == null) {
            throw new IllegalArgumentException("zone " + origin + " has no SOA record at its apex");
        }
    }

    /** Loads records (e.g. parsed from a zone file); every record must lie inside the zone. */
    static ZoneData of(Name origin, List<Record> records) {
        ZoneEdit edit = new ZoneEdit(origin, Map.of());
        for (Record r : records) {
            if (!r.getName().subdomain(origin)) {
                throw new IllegalArgumentException(r.getName() + " is outside zone " + origin);
            }
            edit.add(r);
        }
        return edit.build();
    }

    Name origin() {
        return origin;
    }

    SOARecord soa() {
        return soaOrNull();
    }

    private SOARecord soaOrNull() {
        List<Record> soa = rrset(origin, Type.SOA);
        return soa.isEmpty() ? null : (SOARecord) soa.get(0);
    }

    long serial() {
        return soa().getSerial();
    }

    /** The records of one RRset, empty when there are none. */
    List<Record> rrset(Name name, int type) {
        return names.getOrDefault(name, Map.of()).getOrDefault(type, List.of());
    }

    /** All RRsets at one name by type, empty when the name owns no records. */
    Map<Integer, List<Record>> at(Name name) {
        return names.getOrDefault(name, Map.of());
    }

    /** True when the name owns records or lies above a name that does (an empty non-terminal). */
    boolean exists(Name name) {
        if (names.containsKey(name)) {
            return true;
        }
        for (Name n : names.keySet()) {
            if (n.subdomain(name)) {
                return true;
            }
        }
        return false;
    }

    boolean contains(Name name) {
        return name.subdomain(origin);
    }

    /** Every record, SOA first then by name, as a zone transfer or a snapshot lists them. */
    List<Record> records() {
        List<Record> out = new ArrayList<>(rrset(origin, Type.SOA));
        names.forEach((name, types) -> types.forEach((type, records) -> {
            if (type != Type.SOA) {
                out.addAll(records);
            }
        }));
        return out;
    }

    Map<Name, Map<Integer, List<Record>>> names() {
        return names;
    }

    ZoneEdit edit() {
        return new ZoneEdit(origin, names);
    }
}
