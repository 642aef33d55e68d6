package io.runbook.modules.core;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * A TCP port that should accept connections ({@code started}) or not ({@code stopped}: refused,
 * unreachable, or no answer within a whole {@code connect_timeout}; an attempt cut short by the overall
 * deadline proves nothing).
 */
final class PortReadiness implements Readiness {
    private static final String NO_ANSWER = "no answer within ";
    private final String host;
    private final int port;
    private final boolean open;
    private final Duration connectTimeout;

    PortReadiness(String host, int port, boolean open, Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.open = open;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public String describe() {
        return host + ":" + port + (open ? " to accept connections" : " to stop accepting connections");
    }

    @Override
    public String check(Duration budget) {
        boolean whole = budget.compareTo(connectTimeout) >= 0;
        Duration attempt = whole ? connectTimeout : budget;
        String failure = connect(attempt);
        if (failure != null && failure.startsWith(NO_ANSWER) && !whole) {
            return CUT_SHORT;
        }
        if (open) {
            return failure;
        }
        return failure == null ? "still accepting connections" : null;
    }

    /** Null when a connection was made, otherwise why not. */
    private String connect(Duration budget) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            return null;
        } catch (ConnectException e) {
            return "connection refused";
        } catch (SocketTimeoutException e) {
            return NO_ANSWER + Clock.text(Duration.ofMillis(millis));
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (IllegalArgumentException e) {
            return "unknown host " + host;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
