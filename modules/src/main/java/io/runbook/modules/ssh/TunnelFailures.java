package io.runbook.modules.ssh;

import io.runbook.modules.connection.TunnelFailure;
import java.time.Duration;

/**
 * A TCP connection the SSH server could not make for us. jsch keeps the reason code of the refused
 * {@code direct-tcpip} open (RFC 4254 5.1): 1 administratively prohibited (forwarding turned off there),
 * 2 connect failed (refused, or the address cannot be reached from there); without one, no answer came in time.
 */
final class TunnelFailures {
    private static final int PROHIBITED = 1;
    private static final int CONNECT_FAILED = 2;

    private TunnelFailures() {
    }

    /** The reason alone, for a connection the server at {@code where} could not make. */
    static String reason(int reason, Exception e, Duration timeout, String where) {
        return of("", 0, reason, timeout, where, e).reason();
    }

    static TunnelFailure of(String host, int port, int reason, Duration timeout, String where, Exception e) {
        if (reason == PROHIBITED) {
            return new TunnelFailure(host, port, "the SSH server of " + where + " does not allow TCP forwarding (AllowTcpForwarding)", false);
        }
        if (reason == CONNECT_FAILED) {
            return new TunnelFailure(host, port, "connection refused (or not reachable) from " + where, false);
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("channel is not opened") || m.contains("timeout")) {
            return new TunnelFailure(host, port, TunnelFailure.NO_ANSWER + TunnelFailure.seconds(timeout) + " from " + where, true);
        }
        return new TunnelFailure(host, port, SshFailure.cause(e), false);
    }
}
