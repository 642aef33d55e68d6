package io.runbook.modules.dns;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Update;

/**
 * One RFC 2136 UPDATE that replaces an RRset only if it still holds what was read: the prerequisite is
 * "RRset absent" or "RRset exists with exactly these values" (TTL 0, as the RFC requires), then the whole
 * RRset is deleted and the wanted records are added. Never {@code Update.replace}, which keeps only the last
 * record of a multi-value RRset.
 */
final class CompareAndSetUpdate {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private CompareAndSetUpdate() {
    }

    static Update build(Name zone, Name name, int type, RecordSet read, RecordSet wanted) throws DnsFailure {
        Update update = new Update(zone);
        if (read.exists()) {
            requireExactly(update, name, type, read.records());
        } else {
            update.absent(name, type);
        }
        update.delete(name, type);
        for (Record r : wanted.records()) {
            update.add(r);
        }
        return update;
    }

    /**
     * Adds the prerequisite "the RRset holds exactly these records" (RFC 2136 3.2.5: value-dependent, TTL 0; the
     * server compares the whole RRset with all of them).
     */
    static void requireExactly(Update update, Name name, int type, List<Record> records) throws DnsFailure {
        try {
            for (Record r : records) {
                update.present(name, type, r.rdataToString());
            }
        } catch (IOException e) {
            throw new DnsFailure("cannot restate the " + name + " record as a prerequisite: " + e.getMessage());
        }
    }

    /** Sends the update to the primary; returns normally only on NOERROR. */
    static void send(DnsClient client, ServerAddress primary, TsigKeySource.Key key, RecordRequest request,
                     RecordSet read, RecordSet wanted) throws DnsFailure {
        Update update = build(request.zone(), request.name(), request.type(), read, wanted);
        Message response;
        try {
            response = client.send(primary, update, key == null ? null : key.tsig(), TIMEOUT);
        } catch (IOException e) {
            throw new DnsFailure("cannot send the update to primary " + primary.describe() + ": "
                    + client.whyUnreachable(e, TIMEOUT) + "; is the DNS server running there, and are server, port and protocol right?");
        }
        if (response.getRcode() != Rcode.NOERROR || tsigError(response) != Rcode.NOERROR) {
            throw UpdateRejection.explain(response.getRcode(), tsigError(response), primary, key, request);
        }
    }

    static int tsigError(Message response) {
        return response.getTSIG() == null ? Rcode.NOERROR : response.getTSIG().getError();
    }
}
