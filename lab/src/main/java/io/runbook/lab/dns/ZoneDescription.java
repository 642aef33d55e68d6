package io.runbook.lab.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/**
 * Builds a zone from the lab's small description: SOA ({@code ns1} as MNAME, serial 1), NS {@code ns1} and
 * {@code ns2} with glue at the primary's and the secondary's addresses, then zone-file lines relative to
 * the zone, parsed as a zone file ({@code $ORIGIN} = the zone, default TTL 300).
 */
final class ZoneDescription {
    static final long DEFAULT_TTL = 300;

    private ZoneDescription() {
    }

    static ZoneData build(Name origin, InetAddress primary, InetAddress secondary, List<String> lines) {
        List<Record> records = new ArrayList<>();
        Name ns1 = child("ns1", origin);
        Name ns2 = child("ns2", origin);
        records.add(new SOARecord(origin, DClass.IN, 3600, ns1, child("hostmaster", origin), 1,
                3600, 600, 86400, 60));
        records.add(new NSRecord(origin, DClass.IN, 3600, ns1));
        records.add(new NSRecord(origin, DClass.IN, 3600, ns2));
        records.add(address(ns1, primary));
        records.add(address(ns2, secondary));
        records.addAll(parse(origin, String.join("\n", lines)));
        return ZoneData.of(origin, records);
    }

    /** Parses zone-file text relative to the origin (absolute names allowed). */
    static List<Record> parse(Name origin, String text) {
        List<Record> out = new ArrayList<>();
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin,
                DEFAULT_TTL)) {
            master.disableIncludes();
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                out.add(r);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("zone " + origin + ": cannot read records: " + e.getMessage(), e);
        }
        return out;
    }

    static Name child(String label, Name origin) {
        try {
            return Name.fromString(label, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + label + "' is not a valid DNS name", e);
        }
    }

    private static Record address(Name name, InetAddress ip) {
        return ip.getAddress().length == 4 ? new ARecord(name, DClass.IN, 3600, ip)
                : new AAAARecord(name, DClass.IN, 3600, ip);
    }
}
