package io.runbook.lab.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/** A dnsjava client that talks to one server the way the dns_record module does (no recursion, one server). */
final class DnsProbe {
    /** A query's timeout: a loopback server answers at once unless the machine is very busy. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private DnsProbe() {
    }

    static Message send(InetSocketAddress server, Message m, TSIG key, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(server);
        r.setTCP(tcp);
        r.setTimeout(TIMEOUT);
        if (key != null) {
            r.setTSIGKey(key);
        }
        return r.send(m);
    }

    static Message query(InetSocketAddress server, String name, int type, boolean tcp) throws IOException {
        Message q = Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
        q.getHeader().unsetFlag(Flags.RD);
        return send(server, q, null, tcp);
    }

    static Message query(InetSocketAddress server, String name, int type) throws IOException {
        return query(server, name, type, false);
    }

    /** The sorted values of the answer records of that name and type. */
    static List<String> values(Message response, String name, int type) {
        TreeSet<String> out = new TreeSet<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == type && r.getName().equals(name(name))) {
                out.add(r.rdataToString());
            }
        }
        return List.copyOf(out);
    }

    static List<String> values(InetSocketAddress server, String name, int type) throws IOException {
        return values(query(server, name, type), name, type);
    }

    static boolean authoritative(Message m) {
        return m.getHeader().getFlag(Flags.AA);
    }

    static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static TSIG key(String name, String secret) {
        return new TSIG(TSIG.HMAC_SHA256, name(name), secret);
    }

    /** Polls until the server answers the values, or the deadline passes; returns how long it took (ms). */
    static long awaitValues(InetSocketAddress server, String name, int type, List<String> wanted, Duration max)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (values(server, name, type).equals(wanted)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(server + " did not answer " + wanted + " for " + name + " within " + max
                + "; it answers " + values(server, name, type));
    }
}
