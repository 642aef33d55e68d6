package io.runbook.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A TCP port that refuses connections on every local address for as long as this is open: a socket binds it (without
 * SO_REUSEADDR) and never listens, so no other socket can take it meanwhile, as one could take a port picked with
 * {@code new ServerSocket(0)} and closed again before the test connects. (The modules' tests have their own, with UDP.)
 */
final class ClosedPort implements AutoCloseable {
    private final Socket held = new Socket();

    ClosedPort() throws IOException {
        try {
            held.setReuseAddress(false);
            held.bind(new InetSocketAddress(0));
        } catch (IOException e) {
            held.close();
            throw e;
        }
    }

    int port() {
        return held.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        held.close();
    }
}
