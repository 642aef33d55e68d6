package io.runbook.modules.core;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** A TCP port that should accept connections ({@code started}) or refuse them ({@code stopped}). */
final class PortReadiness implements Readiness {
    private final String host;
    private final int port;
    private final boolean open;

    PortReadiness(String host, int port, boolean open) {
        this.host = host;
        this.port = port;
        this.open = open;
    }

    @Override
    public String describe() {
        return host + ":" + port + (open ? " to accept connections" : " to stop accepting connections");
    }

    @Override
    public String check(Duration budget) {
        String failure = connect(budget);
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
            return "no answer within " + Clock.text(Duration.ofMillis(millis));
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (IllegalArgumentException e) {
            return "unknown host " + host;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
