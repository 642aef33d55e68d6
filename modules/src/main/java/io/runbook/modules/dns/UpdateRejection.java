package io.runbook.modules.dns;

import org.xbill.DNS.Rcode;

/**
 * Turns a rejected UPDATE into one line that says what is wrong and what to check. The key is named by its
 * name and algorithm only, never by its secret.
 */
final class UpdateRejection {
    private UpdateRejection() {
    }

    static DnsFailure explain(int rcode, int tsigError, ServerAddress server, TsigKeySource.Key key, RecordRequest req) {
        String what = req.name() + " " + req.typeName();
        String line = reason(rcode, tsigError, server, key, req.zone().toString(), what, true);
        String rcText = Rcode.string(rcode) + (tsigError == Rcode.NOERROR ? "" : "/" + Rcode.TSIGstring(tsigError));
        return new DnsFailure("update of " + what + " failed: " + line, rcode, rcText);
    }

    /**
     * What a server's rcode and TSIG error mean for this update, and what to check; {@code keyFile}: the module
     * takes a key_file too, so the advice names it.
     */
    static String reason(int rcode, int tsigError, ServerAddress server, TsigKeySource.Key key, String zone, String what,
                         boolean keyFile) {
        String at = server.describe();
        String keyText = key == null ? "no key" : key.toString();
        return switch (tsigError) {
            case Rcode.BADSIG -> at + " rejected the signature of " + keyText
                    + " (BADSIG): the key name is known there but the secret is wrong; check key_secret"
                    + (keyFile ? " or key_file" : "");
            case Rcode.BADKEY -> at + " does not know " + keyText
                    + " (BADKEY): the key name or its algorithm differ from the server's key clause; check key_name and key_algorithm";
            case Rcode.BADTIME -> at + " rejected the signature time (BADTIME): the clocks of this machine and the server differ"
                    + " by more than 5 minutes; fix the clock (NTP) on either side";
            default -> byRcode(rcode, tsigError, at, key, keyText, zone, what, keyFile);
        };
    }

    private static String byRcode(int rcode, int tsigError, String at, TsigKeySource.Key key, String keyText,
                                  String zone, String what, boolean keyFile) {
        return switch (rcode) {
            case Rcode.REFUSED -> at + " refused the update (REFUSED): " + (key == null
                    ? "it was not signed; give key_name and key_secret" + (keyFile ? ", or key_file" : "")
                    : keyText + " may not update zone " + zone + " there (allow-update / update-policy),"
                    + " or the server is a secondary; send updates to the primary (server)");
            case Rcode.NOTAUTH -> at + " is not authoritative for zone " + zone
                    + " (NOTAUTH): check zone and that server is the zone's primary"
                    + (tsigError == Rcode.NOERROR ? "" : " (TSIG error " + Rcode.TSIGstring(tsigError) + ")");
            case Rcode.NOTZONE -> at + " says " + what + " is outside zone " + zone + " (NOTZONE): check record and zone";
            case Rcode.NXRRSET, Rcode.YXRRSET -> what + " changed concurrently on " + at + " between the read and the update ("
                    + Rcode.string(rcode) + "): another writer is changing it; run again to converge, and find the other writer";
            case Rcode.SERVFAIL -> at + " failed to apply the update (SERVFAIL): check the server's log (zone not loaded, journal not writable?)";
            case Rcode.FORMERR -> at + " could not parse the update (FORMERR): check the values for " + what;
            case Rcode.NOTIMP -> at + " does not implement dynamic updates (NOTIMP)";
            default -> at + " answered " + Rcode.string(rcode)
                    + (tsigError == Rcode.NOERROR ? "" : " with TSIG error " + Rcode.TSIGstring(tsigError));
        };
    }
}
