package io.runbook.lab.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A working copy of a zone that changes the way RFC 2136 §3.4.2 says an UPDATE changes a zone: a CNAME and
 * other data never share a name, the apex keeps its SOA and at least one NS, an RRset has one TTL (the one
 * added last, as BIND does). {@link #build} freezes it into the next {@link ZoneData}.
 */
final class ZoneEdit {
    private final Name origin;
    private final Map<Name, Map<Integer, List<Record>>> names = new TreeMap<>();
    private boolean changed;

    ZoneEdit(Name origin, Map<Name, Map<Integer, List<Record>>> from) {
        this.origin = origin;
        from.forEach((name, types) -> {
            Map<Integer, List<Record>> t = new LinkedHashMap<>();
            types.forEach((type, records) -> t.put(type, new ArrayList<>(records)));
            names.put(name, t);
        });
    }

    boolean changed() {
        return changed;
    }

    /** Adds one record; a no-op where the RFC says to ignore it (CNAME conflicts, an older SOA). */
    void add(Record r) {
        Map<Integer, List<Record>> types = names.computeIfAbsent(r.getName(), n -> new LinkedHashMap<>());
        int type = r.getType();
        if (type == Type.CNAME && types.keySet().stream().anyMatch(t -> t != Type.CNAME)) {
            return;
        }
        if (type != Type.CNAME && types.containsKey(Type.CNAME)) {
            return;
        }
        if (type == Type.SOA) {
            addSoa((SOARecord) r, types);
            return;
        }
        List<Record> rrset = types.computeIfAbsent(type, t -> new ArrayList<>());
        if (type == Type.CNAME) {
            rrset.clear();
        }
        List<Record> retimed = new ArrayList<>();
        for (Record old : rrset) {
            if (!old.equals(r)) {
                retimed.add(withTtl(old, r.getTTL()));
            }
        }
        retimed.add(r);
        rrset.clear();
        rrset.addAll(retimed);
        changed = true;
    }

    private void addSoa(SOARecord soa, Map<Integer, List<Record>> types) {
        if (!soa.getName().equals(origin)) {
            return;
        }
        List<Record> current = types.get(Type.SOA);
        if (current != null && !current.isEmpty() && ((SOARecord) current.get(0)).getSerial() >= soa.getSerial()) {
            return;
        }
        types.put(Type.SOA, new ArrayList<>(List.of(soa)));
        changed = true;
    }

    /** Deletes an RRset; at the apex the SOA and NS RRsets are kept. */
    void deleteRRset(Name name, int type) {
        if (name.equals(origin) && (type == Type.SOA || type == Type.NS)) {
            return;
        }
        Map<Integer, List<Record>> types = names.get(name);
        if (types != null && types.remove(type) != null) {
            changed = true;
        }
    }

    /** Deletes every RRset of a name; at the apex the SOA and NS RRsets are kept. */
    void deleteName(Name name) {
        Map<Integer, List<Record>> types = names.get(name);
        if (types == null) {
            return;
        }
        for (Integer type : new ArrayList<>(types.keySet())) {
            deleteRRset(name, type);
        }
    }

    /** Deletes one record (matched by value, TTL ignored); never the SOA nor the apex's last NS. */
    void deleteRecord(Record r) {
        Map<Integer, List<Record>> types = names.get(r.getName());
        List<Record> rrset = types == null ? null : types.get(r.getType());
        if (rrset == null || r.getType() == Type.SOA) {
            return;
        }
        if (r.getName().equals(origin) && r.getType() == Type.NS && rrset.size() == 1) {
            return;
        }
        if (rrset.removeIf(old -> old.equals(r))) {
            changed = true;
        }
        if (rrset.isEmpty()) {
            types.remove(r.getType());
        }
    }

    /** The next version; with {@code bumpSerial} the SOA serial goes up by one (RFC 1982 arithmetic). */
    ZoneData build(boolean bumpSerial) {
        if (bumpSerial) {
            SOARecord soa = (SOARecord) names.get(origin).get(Type.SOA).get(0);
            long next = (soa.getSerial() + 1) & 0xFFFFFFFFL;
            SOARecord bumped = new SOARecord(origin, DClass.IN, soa.getTTL(), soa.getHost(), soa.getAdmin(),
                    next == 0 ? 1 : next, soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
            names.get(origin).put(Type.SOA, new ArrayList<>(List.of(bumped)));
        }
        return new ZoneData(origin, names);
    }

    ZoneData build() {
        return build(false);
    }

    static Record withTtl(Record r, long ttl) {
        if (r.getTTL() == ttl) {
            return r;
        }
        return Record.newRecord(r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical());
    }
}
