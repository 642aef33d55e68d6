package io.runbook.modules.dns;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vars.LookupPlugin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * The {@code dig} lookup, as community.general's (Debian's, 6.x): {@code lookup('community.general.dig',
 * 'www.example.com./AAAA', '@192.0.2.53')}. Terms are names ({@code name/TYPE} sets the type for all of them),
 * {@code @server1,server2} (the last one is asked, as there) and {@code key=value} options; keyword options are
 * {@code qtype}, {@code flat}, {@code class}, {@code retry_servfail}, {@code fail_on_error}, {@code real_empty}, and
 * {@code port}/{@code tcp} of later community.general versions. A missing name gives {@code NXDOMAIN}, no records
 * or no answer within 5 s an empty string, unless {@code real_empty} (forced with several names) or
 * {@code fail_on_error}. Every call asks the servers again: nothing is cached.
 */
public final class DigLookup implements LookupPlugin {
    private static final List<String> QTYPES = List.of("A", "ALL", "AAAA", "CAA", "CNAME", "DNAME", "DNSKEY", "DS",
            "HINFO", "LOC", "MX", "NAPTR", "NS", "NSEC3PARAM", "PTR", "RP", "RRSIG", "SOA", "SPF", "SRV", "SSHFP", "TLSA", "TXT");
    private static final Set<String> OPTIONS = Set.of("qtype", "flat", "class", "retry_servfail", "fail_on_error",
            "real_empty", "port", "tcp");

    @Override
    public String name() {
        return "dig";
    }

    /** What the terms and options ask for. */
    private static final class Request {
        String qtype = "A";
        int flat = 1;
        String dclass = "IN";
        boolean retryServfail;
        boolean failOnError;
        boolean realEmpty;
        boolean tcp;
        int port = 53;
        String server;  // the last @ server, else the system's
        final List<String> domains = new ArrayList<>();
    }

    @Override
    public List<Object> run(List<Object> terms, Map<String, Object> options, ModuleContext ctx) throws Exception {
        LookupPlugin.checkOptions("dig", options, OPTIONS);
        Request q = options(options);
        int dclass = dclass(q.dclass);
        for (Object term : terms) {
            String t = String.valueOf(term);
            if (t.startsWith("@")) {
                for (String ns : t.substring(1).split(",", -1)) {
                    q.server = ns;
                }
            } else if (t.contains("=")) {
                String opt = t.substring(0, t.indexOf('='));
                String arg = t.substring(t.indexOf('=') + 1);
                switch (opt) {
                    case "qtype" -> q.qtype = arg.toUpperCase(Locale.ROOT);
                    case "flat" -> q.flat = integer("flat", arg);
                    case "class" -> dclass = dclass(arg);
                    case "retry_servfail" -> q.retryServfail = bool("retry_servfail", arg);
                    case "fail_on_error" -> q.failOnError = bool("fail_on_error", arg);
                    case "real_empty" -> q.realEmpty = bool("real_empty", arg);
                    default -> { }  // community.general ignores other key=value terms
                }
            } else if (t.contains("/") && t.indexOf('/') == t.lastIndexOf('/')) {
                q.domains.add(t.substring(0, t.indexOf('/')));
                q.qtype = t.substring(t.indexOf('/') + 1);
            } else {
                q.domains.add(t);
            }
        }
        return resolve(q, dclass);
    }

    private static List<Object> resolve(Request q, int dclass) throws Exception {
        List<String> domains = q.qtype.equalsIgnoreCase("PTR") ? reversed(q.domains) : q.domains;
        boolean realEmpty = q.realEmpty || domains.size() > 1;
        int type = Type.value(q.qtype);
        if (type < 0 && !domains.isEmpty()) {
            throw new IllegalArgumentException("dns.resolver unhandled exception DNS resource record type is unknown.");
        }
        DigResolver resolver = resolver(q);
        List<Object> out = new ArrayList<>();
        for (String domain : domains) {
            DigResolver.Outcome o;
            try {
                o = resolver.resolve(domain, type, dclass);
            } catch (DigResolver.Unhandled e) {
                throw new IllegalArgumentException("dns.resolver unhandled exception " + e.getMessage());
            }
            if (o.kind() == DigResolver.Outcome.Kind.FOUND) {
                for (Record r : o.records()) {
                    out.add(q.flat != 0 ? DigValues.text(r, q.qtype) : DigValues.fields(r, o.owner(), o.ttl()));
                }
            } else if (q.failOnError) {
                throw new IllegalArgumentException("Lookup failed: " + o.message());
            } else if (!realEmpty) {
                out.add(o.kind() == DigResolver.Outcome.Kind.NXDOMAIN ? "NXDOMAIN" : "");
            }
        }
        return out;
    }

    private static Request options(Map<String, Object> options) {
        Request q = new Request();
        if (options.get("qtype") != null) {
            q.qtype = String.valueOf(options.get("qtype"));
            if (!QTYPES.contains(q.qtype)) {
                throw new IllegalArgumentException("Invalid value \"" + q.qtype + "\" for configuration option \"plugin_type: lookup"
                        + " plugin: ansible_collections.community.general.plugins.lookup.dig setting: qtype \", valid values are: "
                        + String.join(", ", QTYPES));
            }
        }
        if (options.get("flat") != null) {
            Object flat = options.get("flat");
            q.flat = flat instanceof Boolean b ? (b ? 1 : 0) : integer("flat", String.valueOf(flat));
        }
        if (options.get("class") != null) {
            q.dclass = String.valueOf(options.get("class"));
        }
        q.retryServfail = bool("retry_servfail", options.get("retry_servfail"));
        q.failOnError = bool("fail_on_error", options.get("fail_on_error"));
        q.realEmpty = bool("real_empty", options.get("real_empty"));
        q.tcp = bool("tcp", options.get("tcp"));
        if (options.get("port") != null) {
            q.port = integer("port", String.valueOf(options.get("port")));
        }
        return q;
    }

    /** The asked-for server (an IPv4 address, else a name resolved with the system's servers), or the system's servers. */
    private static DigResolver resolver(Request q) throws Exception {
        ResolverConfig system = ResolverConfig.getCurrentConfig();
        List<ServerAddress> servers = new ArrayList<>();
        if (q.server == null) {
            system.servers().forEach(s -> servers.add(new ServerAddress(s.getAddress().getHostAddress(),
                    new java.net.InetSocketAddress(s.getAddress(), q.port))));
        } else if (q.server.matches("\\d+(\\.\\d+){0,3}")) {
            servers.add(address(q.server, q.port));
        } else {
            servers.add(address(nameserverAddress(q, system), q.port));
        }
        return new DigResolver(servers, q.tcp, q.retryServfail, system.searchPath(), system.ndots());
    }

    /** A server given by name: its first A record, from the system's servers (as community.general asks dnspython). */
    private static String nameserverAddress(Request q, ResolverConfig system) throws Exception {
        List<ServerAddress> servers = new ArrayList<>();
        system.servers().forEach(s -> servers.add(new ServerAddress(s.getAddress().getHostAddress(), s)));
        try {
            DigResolver.Outcome o = new DigResolver(servers, false, false, system.searchPath(), system.ndots())
                    .resolve(q.server, Type.A, DClass.IN);
            if (o.kind() == DigResolver.Outcome.Kind.FOUND) {
                return o.records().get(0).rdataToString();
            }
            throw new IllegalArgumentException("dns lookup NS: " + o.message());
        } catch (DigResolver.Unhandled e) {
            throw new IllegalArgumentException("dns lookup NS: " + e.getMessage());
        }
    }

    private static ServerAddress address(String ip, int port) throws DnsFailure {
        return ServerAddress.resolve(ip, ip, port);
    }

    /** PTR names from addresses, as dnspython's reversename; a term that is no address is left out, as there. */
    static List<String> reversed(List<String> domains) {
        List<String> out = new ArrayList<>();
        for (String d : domains) {
            boolean v4 = d.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
            if (v4 || (d.contains(":") && d.matches("[0-9A-Fa-f:.]+"))) {
                try {
                    out.add(ReverseMap.fromAddress(InetAddress.getByName(d)).toString());
                } catch (UnknownHostException e) {
                    // not an address: dropped
                }
            }
        }
        return out;
    }

    private static int dclass(String text) {
        int value = DClass.value(text);
        if (value < 0) {
            throw new IllegalArgumentException("dns lookup illegal CLASS: A DNS class is unknown.");
        }
        return value;
    }

    private static int integer(String option, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the dig lookup's " + option + " must be an integer, got '" + text + "'");
        }
    }

    private static boolean bool(String option, Object value) {
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        String t = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (Set.of("y", "yes", "on", "1", "true", "t", "1.0").contains(t)) {
            return true;
        }
        if (Set.of("n", "no", "off", "0", "false", "f", "0.0", "").contains(t)) {
            return false;
        }
        throw new IllegalArgumentException("The value '" + value + "' is not a valid boolean for the dig lookup's " + option
                + ".  Valid booleans include: 'y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'");
    }
}
