package io.runbook.lab.dns;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * The TSIG keys a server knows, and the check of a signed request the way BIND does it: an unknown key name
 * or algorithm is BADKEY, a wrong MAC BADSIG, a time outside the fudge BADTIME. The reply to a signed request
 * is signed with the same key (BADKEY and BADSIG replies carry an empty MAC, as RFC 8945 §5.3.2 says).
 */
final class TsigKeyring {
    /** The result of checking one request: the TSIG error, and the key to sign the reply with (null: unsigned). */
    record Check(int error, TSIG replyKey, TSIGRecord requestTsig) {
        boolean signed() {
            return requestTsig != null;
        }

        boolean failed() {
            return error != Rcode.NOERROR;
        }

        /** Makes the reply carry a TSIG record when the request had one; it is computed when the reply is rendered. */
        void sign(Message reply) {
            if (signed()) {
                reply.setTSIG(replyKey, error, requestTsig);
            }
        }
    }

    private final Map<Name, TSIG> keys = new LinkedHashMap<>();

    TsigKeyring add(Name keyName, Name algorithm, String base64Secret) {
        keys.put(keyName, new TSIG(algorithm, keyName, Base64.getDecoder().decode(base64Secret)));
        return this;
    }

    /** Checks a request parsed from {@code wire}; an unsigned request passes with no reply key. */
    Check check(Message request, byte[] wire) {
        TSIGRecord tsig = request.getTSIG();
        if (tsig == null) {
            return new Check(Rcode.NOERROR, null, null);
        }
        TSIG key = keys.get(tsig.getName());
        if (key == null) {
            return new Check(Rcode.BADKEY, stranger(tsig), tsig);
        }
        int error = key.verify(request, wire, null);
        return new Check(error, error == Rcode.BADKEY ? stranger(tsig) : key, tsig);
    }

    /** A key object for naming the requester's key in an error reply; it never signs anything. */
    private static TSIG stranger(TSIGRecord tsig) {
        byte[] unused = new byte[32];
        try {
            return new TSIG(tsig.getAlgorithm(), tsig.getName(), unused);
        } catch (IllegalArgumentException unknownAlgorithm) {
            return new TSIG(TSIG.HMAC_SHA256, tsig.getName(), unused);
        }
    }
}
