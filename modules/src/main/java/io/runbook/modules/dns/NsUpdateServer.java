package io.runbook.modules.dns;

import java.io.IOException;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * The one server community.general.nsupdate talks to ({@code server}, {@code port}, {@code protocol}): every query and
 * update is signed with the key when there is one, waits 10 s as there, and fails as there when the server cannot be
 * reached ({@code DNS server error: …}) or rejects the key ({@code TSIG update error (PeerBadKey): …}), with the
 * engine's words on what to check after its text.
 */
final class NsUpdateServer {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final DnsClient client;
    private final ServerAddress server;
    private final TsigKeySource.Key key;

    NsUpdateServer(DnsClient client, ServerAddress server, TsigKeySource.Key key) {
        this.client = client;
        this.server = server;
        this.key = key;
    }

    ServerAddress address() {
        return server;
    }

    TsigKeySource.Key key() {
        return key;
    }

    /** Asks for one name and type, recursion desired (as dnspython's make_query). */
    Message query(Name name, int type) throws DnsFailure {
        return exchange(Message.newQuery(Record.newRecord(name, type, DClass.IN)), name + " " + Type.string(type));
    }

    /** Sends an update (or a prerequisite-only one) and returns its rcode. */
    int update(Update update, String what) throws DnsFailure {
        return exchange(update, what).getRcode();
    }

    private Message exchange(Message message, String what) throws DnsFailure {
        Message response;
        try {
            response = client.send(server, message, key == null ? null : key.tsig(), TIMEOUT);
        } catch (IOException e) {
            throw new DnsFailure("DNS server error: " + server.describe() + ": " + client.whyUnreachable(e, TIMEOUT)
                    + "; is the DNS server running there, and are server, port and protocol right?");
        }
        int tsigError = CompareAndSetUpdate.tsigError(response);
        String peer = switch (tsigError) {
            case Rcode.BADKEY -> "PeerBadKey): The peer didn't know the key we used";
            case Rcode.BADSIG -> "PeerBadSignature): The peer didn't like the signature we sent";
            case Rcode.BADTIME -> "PeerBadTime): The peer didn't like the time we sent";
            default -> null;
        };
        if (peer != null) {
            String zone = message instanceof Update u ? u.getQuestion().getName().toString() : "";
            throw new DnsFailure("TSIG update error (" + peer + "; "
                    + UpdateRejection.reason(response.getRcode(), tsigError, server, key, zone, what, false));
        }
        return response;
    }
}
