package io.runbook.lab.dns;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Applies the prerequisite and update sections of an RFC 2136 UPDATE to a zone, all or nothing, with the
 * rcodes BIND gives: prerequisites first (§3.2: TTL must be 0, else FORMERR; names outside the zone
 * NOTZONE; YXDOMAIN/NXDOMAIN/YXRRSET/NXRRSET), then the prescan of the update section (§3.4.1), then the
 * changes (§3.4.2). A change that alters the zone raises the SOA serial by one.
 */
final class UpdateProcessor {
    /** The rcode, and the zone after the update (the same zone when nothing changed or it failed). */
    record Outcome(int rcode, ZoneData zone) {
        boolean changed(ZoneData before) {
            return zone != before;
        }
    }

    private UpdateProcessor() {
    }

    static Outcome apply(ZoneData zone, Message update) {
        int rcode = checkPrerequisites(zone, update.getSection(Section.PREREQ));
        if (rcode == Rcode.NOERROR) {
            rcode = prescan(zone, update.getSection(Section.UPDATE));
        }
        if (rcode != Rcode.NOERROR) {
            return new Outcome(rcode, zone);
        }
        ZoneEdit edit = zone.edit();
        for (Record r : update.getSection(Section.UPDATE)) {
            change(edit, r);
        }
        return new Outcome(Rcode.NOERROR, edit.changed() ? edit.build(true) : zone);
    }

    static int checkPrerequisites(ZoneData zone, List<Record> prereqs) {
        Map<String, Set<Record>> valueDependent = new LinkedHashMap<>();
        for (Record r : prereqs) {
            if (r.getTTL() != 0) {
                return Rcode.FORMERR;
            }
            if (!zone.contains(r.getName())) {
                return Rcode.NOTZONE;
            }
            int rcode = switch (r.getDClass()) {
                case DClass.ANY -> existsCheck(zone, r);
                case DClass.NONE -> absentCheck(zone, r);
                case DClass.IN -> {
                    valueDependent.computeIfAbsent(r.getName() + "/" + r.getType(), k -> new HashSet<>()).add(r);
                    yield Rcode.NOERROR;
                }
                default -> Rcode.FORMERR;
            };
            if (rcode != Rcode.NOERROR) {
                return rcode;
            }
        }
        for (Set<Record> wanted : valueDependent.values()) {
            Record first = wanted.iterator().next();
            Set<Record> actual = new HashSet<>(zone.rrset(first.getName(), first.getType()));
            if (!actual.equals(wanted)) {
                return Rcode.NXRRSET;
            }
        }
        return Rcode.NOERROR;
    }

    private static int existsCheck(ZoneData zone, Record r) {
        if (r.rdataToWireCanonical().length != 0) {
            return Rcode.FORMERR;
        }
        if (r.getType() == Type.ANY) {
            return zone.at(r.getName()).isEmpty() ? Rcode.NXDOMAIN : Rcode.NOERROR;
        }
        return zone.rrset(r.getName(), r.getType()).isEmpty() ? Rcode.NXRRSET : Rcode.NOERROR;
    }

    private static int absentCheck(ZoneData zone, Record r) {
        if (r.rdataToWireCanonical().length != 0) {
            return Rcode.FORMERR;
        }
        if (r.getType() == Type.ANY) {
            return zone.at(r.getName()).isEmpty() ? Rcode.NOERROR : Rcode.YXDOMAIN;
        }
        return zone.rrset(r.getName(), r.getType()).isEmpty() ? Rcode.NOERROR : Rcode.YXRRSET;
    }

    static int prescan(ZoneData zone, List<Record> updates) {
        for (Record r : updates) {
            if (!zone.contains(r.getName())) {
                return Rcode.NOTZONE;
            }
            boolean meta = isMeta(r.getType());
            boolean ok = switch (r.getDClass()) {
                case DClass.IN -> !meta && r.getType() != Type.ANY;
                case DClass.ANY -> r.getTTL() == 0 && r.rdataToWireCanonical().length == 0
                        && (r.getType() == Type.ANY || !meta);
                case DClass.NONE -> r.getTTL() == 0 && !meta && r.getType() != Type.ANY;
                default -> false;
            };
            if (!ok) {
                return Rcode.FORMERR;
            }
        }
        return Rcode.NOERROR;
    }

    /** Query-only and transaction types (RFC 6895 §3.1: 128–255 and OPT/TSIG/TKEY), never zone data. */
    private static boolean isMeta(int type) {
        return (type >= 128 && type <= 255) || type == Type.OPT || type == Type.TSIG || type == Type.TKEY;
    }

    private static void change(ZoneEdit edit, Record r) {
        switch (r.getDClass()) {
            case DClass.IN -> edit.add(r);
            case DClass.ANY -> {
                if (r.getType() == Type.ANY) {
                    edit.deleteName(r.getName());
                } else {
                    edit.deleteRRset(r.getName(), r.getType());
                }
            }
            case DClass.NONE -> edit.deleteRecord(Record.newRecord(r.getName(), r.getType(), DClass.IN, 0,
                    r.rdataToWireCanonical()));
            default -> throw new IllegalStateException("prescan lets only IN, ANY and NONE through");
        }
    }
}
