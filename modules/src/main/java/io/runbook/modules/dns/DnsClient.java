package io.runbook.modules.dns;

import io.runbook.engine.module.RunScheduler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Sends single messages straight to one server over TCP or UDP: no recursion, no cache, no hosts file,
 * no retries to other servers. Each call makes its own resolver, so nothing is shared between runs.
 */
final class DnsClient {
    private final boolean tcp;

    /** What one server answered for one name and type. */
    record Answer(int rcode, boolean authoritative, RecordSet rrset) {
        /** An authoritative NOERROR or NXDOMAIN: the server serves the zone and told us what it holds. */
        boolean usable() {
            return authoritative && (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN);
        }

        String describe() {
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                return Rcode.string(rcode);
            }
            return authoritative ? rrset.describe() : "a non-authoritative answer (does it serve the zone?)";
        }
    }

    DnsClient(boolean tcp) {
        this.tcp = tcp;
    }

    String protocol() {
        return tcp ? "TCP" : "UDP";
    }

    /** Asks for one RRset with recursion off; answers of other names or types (such as a CNAME) are ignored. */
    Answer ask(ServerAddress server, Name name, int type, Duration timeout) throws IOException {
        return answer(send(server, query(name, type), null, timeout), name, type);
    }

    /**
     * As {@link #ask}, without a thread waiting: the query goes out through dnsjava's own I/O thread, and its answer,
     * or the {@link IOException} {@link #ask} would have thrown (no answer within {@code timeout} included), completes
     * the future on the run's {@link RunScheduler#TIMER}.
     */
    CompletableFuture<Answer> askLater(ServerAddress server, Name name, int type, Duration timeout, RunScheduler scheduler) {
        CompletableFuture<Answer> out = new CompletableFuture<>();
        resolver(server, null, timeout).sendAsync(query(name, type), scheduler.executor(RunScheduler.TIMER)).whenComplete((response, e) -> {
            if (e == null) {
                out.complete(answer(response, name, type));
                return;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            out.completeExceptionally(cause instanceof IOException ? cause : new IOException(cause));
        });
        // the bound send puts on its wait for the answer, with its words
        ScheduledFuture<?> bound = scheduler.after(RunScheduler.TIMER, timeout.toMillis(), () -> out.completeExceptionally(
                new IOException("Timed out while trying to resolve " + name + "/" + Type.string(type))));
        if (bound != null) {
            out.whenComplete((a, e) -> bound.cancel(false));
        }
        return out;
    }

    private static Message query(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        return query;
    }

    private static Answer answer(Message response, Name name, int type) {
        List<Record> matching = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == type && r.getName().equals(name)) {
                matching.add(r);
            }
        }
        return new Answer(response.getRcode(), response.getHeader().getFlag(Flags.AA), RecordSet.of(matching));
    }

    /** Sends a message, signed with {@code key} when given. */
    Message send(ServerAddress server, Message message, TSIG key, Duration timeout) throws IOException {
        return resolver(server, key, timeout).send(message);
    }

    private SimpleResolver resolver(ServerAddress server, TSIG key, Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(timeout);
        if (key != null) {
            resolver.setTSIGKey(key);
        }
        return resolver;
    }

    /** Why a server could not be reached, in words: {@code connection refused}, {@code no answer within 5 s}. */
    String whyUnreachable(IOException e, Duration timeout) {
        if (e instanceof ConnectException) {
            return "connection refused over " + protocol();
        }
        if (e instanceof PortUnreachableException) {
            return "port unreachable over UDP";
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException || text.contains("timed out")) {
            return "no answer within " + seconds(timeout) + " over " + protocol();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
