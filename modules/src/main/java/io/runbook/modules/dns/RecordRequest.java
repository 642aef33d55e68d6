package io.runbook.modules.dns;

import io.runbook.engine.module.Args;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The validated arguments of one dns_record task, with names made absolute.
 *
 * @param ttl the TTL asked for, or null to keep the existing one (3600 for a new record)
 */
record RecordRequest(Name zone, Name name, int type, List<String> values, Integer ttl, boolean present,
                     String server, int port, boolean tcp, boolean waitPropagation, Duration propagationTimeout,
                     List<String> nameservers) {

    static final long DEFAULT_TTL = 3600;

    static RecordRequest from(Args args) throws DnsFailure {
        Name zone = zone(args.string("zone"));
        Name name = name(args.string("record"), zone);
        int type = Type.value(args.string("type"));
        boolean present = "present".equals(args.string("state"));
        List<String> values = values(args.raw("value"));
        if (present && values.isEmpty()) {
            throw new DnsFailure("state=present needs at least one value for " + name + " " + args.string("type"));
        }
        Integer ttl = args.integer("ttl");
        if (ttl != null && ttl < 0) {
            throw new DnsFailure("ttl must be 0 or more seconds, got " + ttl);
        }
        int port = args.integer("port");
        if (port < 1 || port > 65535) {
            throw new DnsFailure("port must be between 1 and 65535, got " + port);
        }
        Duration timeout = args.duration("propagation_timeout");
        return new RecordRequest(zone, name, type, values, ttl, present, args.string("server"), port,
                !"udp".equals(args.string("protocol")), args.bool("wait_propagation"), timeout,
                args.strings("nameservers"));
    }

    /** The RRset this task wants: the values with the asked TTL, else the current TTL, else 3600. */
    RecordSet desired(RecordSet current) throws DnsFailure {
        if (!present) {
            return RecordSet.NONE;
        }
        long t = ttl != null ? ttl : current.exists() ? current.ttl() : DEFAULT_TTL;
        return RecordValues.parse(name, type, t, values);
    }

    String typeName() {
        return Type.string(type);
    }

    /** The {@code record} result: {@code zone, name, type, ttl, values} of the wanted state. */
    Map<String, Object> resultMap(RecordSet desired) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zone", zone.toString());
        m.put("name", name.toString());
        m.put("type", typeName());
        m.put("ttl", desired.exists() ? desired.ttl() : null);
        m.put("values", desired.values());
        m.put("state", present ? "present" : "absent");
        return m;
    }

    private static Name zone(String text) throws DnsFailure {
        try {
            return Name.fromString(text.trim(), Name.root);
        } catch (TextParseException e) {
            throw new DnsFailure("zone '" + text + "' is not a valid DNS name: " + e.getMessage());
        }
    }

    /**
     * {@code @} or empty is the zone apex; a name ending with a dot is absolute; a relative name that already
     * ends with the zone's name is taken as absolute too (nobody means {@code www.example.com.example.com.}).
     */
    static Name name(String text, Name zone) throws DnsFailure {
        String t = text.trim();
        try {
            if (t.isEmpty() || t.equals("@")) {
                return zone;
            }
            Name relative = Name.fromString(t);
            Name absolute = Name.fromString(t, Name.root);
            Name name = !relative.isAbsolute() && !absolute.subdomain(zone) ? Name.fromString(t, zone) : absolute;
            if (!name.subdomain(zone)) {
                throw new DnsFailure("record '" + text + "' is outside zone " + zone
                        + ": give a name relative to the zone or one that ends with " + zone);
            }
            return name;
        } catch (TextParseException e) {
            throw new DnsFailure("record '" + text + "' is not a valid DNS name: " + e.getMessage());
        }
    }

    private static List<String> values(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            list.stream().filter(v -> v != null).forEach(v -> out.add(String.valueOf(v)));
        } else if (raw != null) {
            out.add(String.valueOf(raw));
        }
        return out;
    }
}
