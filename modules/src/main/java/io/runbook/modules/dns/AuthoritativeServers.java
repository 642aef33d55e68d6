package io.runbook.modules.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Finds the servers of a zone: the primary (the {@code server} argument, else the SOA MNAME asked of the
 * system resolver) and every authoritative server to check for propagation (the {@code nameservers}
 * argument, else the zone's NS RRset read from the primary). The {@code port} argument applies to all of
 * them. Server names are resolved from the primary's own data when they lie inside the zone, else with
 * the system resolver.
 */
final class AuthoritativeServers {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private AuthoritativeServers() {
    }

    static ServerAddress primary(RecordRequest req) throws DnsFailure {
        if (req.server() != null && !req.server().isBlank()) {
            return ServerAddress.parse(req.server(), req.port());
        }
        SimpleResolver system;
        try {
            system = new SimpleResolver();
            system.setTimeout(TIMEOUT);
        } catch (IOException e) {
            throw new DnsFailure("no system resolver to find the primary of zone " + req.zone() + ": give server");
        }
        for (Record r : systemQuery(system, req.zone(), Type.SOA, req)) {
            if (r instanceof SOARecord soa) {
                Name mname = soa.getHost();
                for (Record a : systemQuery(system, mname, Type.A, req)) {
                    return new ServerAddress(mname.toString(), new InetSocketAddress(((ARecord) a).getAddress(), req.port()));
                }
                return ServerAddress.resolve(mname.toString(), mname.toString(false), req.port());
            }
        }
        throw new DnsFailure("the system resolver has no SOA for zone " + req.zone() + ": check zone, or give server");
    }

    /** Asks the system resolver (recursion on): only to find the primary's name and address. */
    private static List<Record> systemQuery(SimpleResolver system, Name name, int type, RecordRequest req) throws DnsFailure {
        try {
            return system.send(Message.newQuery(Record.newRecord(name, type, DClass.IN))).getSection(Section.ANSWER)
                    .stream().filter(r -> r.getType() == type && r.getName().equals(name)).toList();
        } catch (IOException e) {
            throw new DnsFailure("cannot ask the system resolver " + system.getAddress() + " for " + name + " "
                    + Type.string(type) + " to find the primary of zone " + req.zone() + ": " + e.getMessage() + "; give server");
        }
    }

    static List<ServerAddress> toCheck(DnsClient client, ServerAddress primary, RecordRequest req) throws DnsFailure {
        List<ServerAddress> out = new ArrayList<>();
        if (!req.nameservers().isEmpty()) {
            for (String ns : req.nameservers()) {
                out.add(ServerAddress.parse(ns, req.port()));
            }
            return out;
        }
        List<Record> records = query(client, primary, req.zone(), Type.NS);
        for (Record r : records) {
            if (r instanceof NSRecord ns) {
                out.add(address(client, primary, ns.getTarget(), req));
            }
        }
        if (out.isEmpty()) {
            throw new DnsFailure("primary " + primary.describe() + " lists no NS for zone " + req.zone()
                    + ": give nameservers to check propagation, or set wait_propagation: false");
        }
        return out;
    }

    private static ServerAddress address(DnsClient client, ServerAddress primary, Name target, RecordRequest req)
            throws DnsFailure {
        if (target.subdomain(req.zone())) {
            for (int type : new int[] {Type.A, Type.AAAA}) {
                for (Record r : query(client, primary, target, type)) {
                    InetAddress ip = r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress();
                    return new ServerAddress(target.toString(), new InetSocketAddress(ip, req.port()));
                }
            }
        }
        return ServerAddress.resolve(target.toString(), target.toString(false), req.port());
    }

    private static List<Record> query(DnsClient client, ServerAddress server, Name name, int type) throws DnsFailure {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        q.getHeader().unsetFlag(Flags.RD);
        try {
            return client.send(server, q, null, TIMEOUT).getSection(Section.ANSWER).stream()
                    .filter(r -> r.getType() == type && r.getName().equals(name)).toList();
        } catch (IOException e) {
            throw new DnsFailure("cannot ask primary " + server.describe() + " for " + name + " " + Type.string(type)
                    + ": " + client.whyUnreachable(e, TIMEOUT));
        }
    }
}
