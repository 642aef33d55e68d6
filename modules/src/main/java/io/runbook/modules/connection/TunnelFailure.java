package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * A TCP connection from a host's side that could not be made ({@link HostConnection#connect}); {@link #reason()}
 * is the short cause wait_for reports while it waits ("connection refused").
 */
public final class TunnelFailure extends ModuleException {
    /** The start of the reason given when no answer came within the connect timeout. */
    public static final String NO_ANSWER = "no answer within ";
    private final String reason;
    private final boolean timedOut;

    public TunnelFailure(String host, int port, String reason, boolean timedOut) {
        super("cannot connect to " + host + ":" + port + ": " + reason);
        this.reason = reason;
        this.timedOut = timedOut;
    }

    public String reason() {
        return reason;
    }

    /** No answer came in time (rather than a clear refusal). */
    public boolean timedOut() {
        return timedOut;
    }

    static TunnelFailure of(String host, int port, Throwable e, Duration timeout) {
        if (e instanceof ConnectException) {
            return new TunnelFailure(host, port, "connection refused", false);
        }
        if (e instanceof SocketTimeoutException) {
            return new TunnelFailure(host, port, NO_ANSWER + seconds(timeout), true);
        }
        if (e instanceof UnknownHostException || e instanceof IllegalArgumentException) {
            return new TunnelFailure(host, port, "unknown host " + host, false);
        }
        if (e instanceof NoRouteToHostException) {
            return new TunnelFailure(host, port, "no route to host", false);
        }
        return new TunnelFailure(host, port, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), false);
    }

    public static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
