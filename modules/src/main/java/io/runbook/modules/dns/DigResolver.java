package io.runbook.modules.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * How the {@code dig} lookup resolves one name, as dnspython's stub resolver does for community.general: a
 * recursive query (EDNS, DO bit, 4096-byte payload) to each server in turn, CNAMEs in the answer followed, relative
 * names tried along the search list, every server retried until 5 s have passed. Nothing is cached: an
 * {@code until} loop that polls it sees each change. Servers are asked through {@link DnsClient}.
 */
final class DigResolver {
    static final Duration LIFETIME = Duration.ofSeconds(5);
    private static final Duration TRY = Duration.ofSeconds(2);

    /** What a name gave: records (owner after CNAMEs, their TTL), or why none, in dnspython's words. */
    record Outcome(Kind kind, String owner, long ttl, List<Record> records, String message) {
        enum Kind { FOUND, NXDOMAIN, NO_ANSWER, TIMEOUT }
    }

    /** A failure the lookup reports whatever its options (dnspython's other exceptions). */
    static final class Unhandled extends Exception {
        Unhandled(String message) {
            super(message, null, false, false);
        }
    }

    private final List<ServerAddress> servers;
    private final DnsClient client;
    private final boolean retryServfail;
    private final List<Name> search;
    private final int ndots;

    DigResolver(List<ServerAddress> servers, boolean tcp, boolean retryServfail, List<Name> search, int ndots) {
        this.servers = List.copyOf(servers);
        this.client = new DnsClient(tcp);
        this.retryServfail = retryServfail;
        this.search = List.copyOf(search);
        this.ndots = ndots;
    }

    Outcome resolve(String domain, int type, int dclass) throws Unhandled, InterruptedException {
        if (!Type.isRR(type) || dclass == DClass.ANY || dclass == DClass.NONE) {
            throw new Unhandled("DNS metaqueries are not allowed.");
        }
        Name qname;
        try {
            qname = Name.fromString(domain);
        } catch (IOException e) {
            throw new Unhandled(e.getMessage());
        }
        long deadline = System.nanoTime() + LIFETIME.toNanos();
        List<String> missing = new ArrayList<>();
        for (Name candidate : candidates(qname)) {
            Outcome o = ask(candidate, type, dclass, deadline);
            if (o.kind() != Outcome.Kind.NXDOMAIN) {
                return o;
            }
            missing.add(candidate.toString());
        }
        String message = missing.size() == 1 ? "The DNS query name does not exist: " + missing.get(0)
                : "None of DNS query names exist: " + String.join(", ", missing);
        return new Outcome(Outcome.Kind.NXDOMAIN, null, 0, List.of(), message);
    }

    /** dnspython's order: an absolute name alone; a relative one with the search list, itself first when it has more labels than ndots. */
    private List<Name> candidates(Name qname) throws Unhandled {
        try {
            return candidatesOf(qname);
        } catch (org.xbill.DNS.NameTooLongException e) {
            throw new Unhandled("The DNS name is too long.");
        }
    }

    private List<Name> candidatesOf(Name qname) throws org.xbill.DNS.NameTooLongException {
        if (qname.isAbsolute()) {
            return List.of(qname);
        }
        List<Name> out = new ArrayList<>();
        for (Name suffix : search) {
            out.add(Name.concatenate(qname, suffix));
        }
        Name absolute = Name.concatenate(qname, Name.root);
        out.add(qname.labels() > ndots ? 0 : out.size(), absolute);
        return out;
    }

    private Outcome ask(Name name, int type, int dclass, long deadline) throws Unhandled, InterruptedException {
        String question = name + " " + DClass.string(dclass) + " " + Type.string(type);
        List<ServerAddress> left = new ArrayList<>(servers);
        List<String> errors = new ArrayList<>();
        long backoff = 100;
        long start = deadline - LIFETIME.toNanos();
        while (true) {
            if (left.isEmpty()) {
                throw new Unhandled("All nameservers failed to answer the query " + question + ": " + String.join("; ", errors));
            }
            for (ServerAddress server : List.copyOf(left)) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000;
                if (remaining <= 0) {
                    String after = String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9);
                    return new Outcome(Outcome.Kind.TIMEOUT, null, 0, List.of(), "The resolution lifetime expired after "
                            + after + " seconds: " + String.join("; ", errors));
                }
                String who = "Server " + server.address().getAddress().getHostAddress() + " " + client.protocol() + " port "
                        + server.address().getPort() + " answered ";
                Message response;
                try {
                    response = client.send(server, query(name, type, dclass), null, Duration.ofMillis(Math.min(TRY.toMillis(), remaining)));
                } catch (IOException e) {
                    errors.add(who + "The DNS operation timed out.");
                    continue;
                }
                int rcode = response.getRcode();
                if (rcode == Rcode.NOERROR) {
                    return answer(response, name, type, dclass, question);
                }
                if (rcode == Rcode.NXDOMAIN) {
                    return new Outcome(Outcome.Kind.NXDOMAIN, null, 0, List.of(), null);
                }
                errors.add(who + Rcode.string(rcode));
                if (rcode != Rcode.SERVFAIL || !retryServfail) {
                    left.remove(server);
                }
            }
            if (!left.isEmpty()) {
                Thread.sleep(Math.max(0, Math.min(backoff, (deadline - System.nanoTime()) / 1_000_000)));
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }

    private static Message query(Name name, int type, int dclass) {
        Message query = Message.newQuery(Record.newRecord(name, type, dclass));
        query.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        return query;
    }

    /** The RRset of the name asked for, or of the name its CNAMEs lead to (not for a CNAME query). */
    private static Outcome answer(Message response, Name name, int type, int dclass, String question) {
        List<Record> answers = response.getSection(Section.ANSWER);
        Name current = name;
        for (int hop = 0; hop < 16; hop++) {
            List<Record> found = new ArrayList<>();
            Name next = null;
            for (Record r : answers) {
                if (r.getName().equals(current) && r.getDClass() == dclass) {
                    if (r.getType() == type) {
                        found.add(r);
                    } else if (r.getType() == Type.CNAME && type != Type.CNAME) {
                        next = ((org.xbill.DNS.CNAMERecord) r).getTarget();
                    }
                }
            }
            if (!found.isEmpty()) {
                long ttl = found.stream().mapToLong(Record::getTTL).min().orElse(0);
                return new Outcome(Outcome.Kind.FOUND, current.toString(), ttl, found, null);
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return new Outcome(Outcome.Kind.NO_ANSWER, null, 0, List.of(),
                "The DNS response does not contain an answer to the question: " + question);
    }
}
