package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.Tunnel;
import io.runbook.modules.connection.TunnelFailure;
import java.time.Duration;

/**
 * A TCP port that should accept connections ({@code started}) or not ({@code stopped}: refused,
 * unreachable, or no answer within a whole {@code connect_timeout}; an attempt cut short by the overall
 * deadline proves nothing). Connections are made from the host's side (over SSH: by the SSH server there).
 */
final class PortReadiness implements Readiness {
    private final HostConnection from;
    private final String host;
    private final int port;
    private final boolean open;
    private final Duration connectTimeout;

    PortReadiness(HostConnection from, String host, int port, boolean open, Duration connectTimeout) {
        this.from = from;
        this.host = host;
        this.port = port;
        this.open = open;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public String describe() {
        return host + ":" + port + (open ? " to accept connections" : " to stop accepting connections")
                + (from.isLocal() ? "" : " (seen from " + from.describe() + ")");
    }

    @Override
    public String timeoutMessage() {
        return "Timeout when waiting for " + host + ":" + port + (open ? "" : " to stop.");
    }

    @Override
    public String check(Duration budget) throws InterruptedException, ModuleException {
        boolean whole = budget.compareTo(connectTimeout) >= 0;
        Duration attempt = whole ? connectTimeout : budget;
        String failure = null;
        boolean timedOut = false;
        try (Tunnel ignored = from.connect(host, port, attempt)) {
            // connected: that is all we wanted to know
        } catch (TunnelFailure e) {
            failure = e.reason();
            timedOut = e.timedOut();
        }
        if (timedOut && !whole) {
            return CUT_SHORT;
        }
        if (open) {
            return failure;
        }
        return failure == null ? "still accepting connections" : null;
    }
}
