package io.runbook.modules;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A port nothing answers on, held for as long as this is open. A port picked by opening a socket on port 0 and closing
 * it again is free only for a moment: another test or process may take it before the test connects, and then something
 * answers. Here a socket keeps the port bound without taking connections, so a TCP connection to it is refused (a UDP
 * datagram gets "port unreachable") and, without SO_REUSEADDR, no other socket can bind it meanwhile, not even as the
 * source port of a connection (a loopback connection from a port to itself would succeed).
 */
public final class ClosedPort implements AutoCloseable {
    private final Closeable held;
    private final int port;

    private ClosedPort(Closeable held, int port) {
        this.held = held;
        this.port = port;
    }

    /** A TCP port that refuses connections on every local address. */
    public static ClosedPort tcp() throws IOException {
        return tcp(false);
    }

    /**
     * A TCP port that refuses connections until {@link #listen} starts a server on it. Held with SO_REUSEADDR, so that
     * server can bind it while this still holds it (Linux allows that while neither listens); another socket could then
     * too, but only one that asks for this very port by number with SO_REUSEADDR.
     */
    public static ClosedPort tcpToListenOnLater() throws IOException {
        return tcp(true);
    }

    private static ClosedPort tcp(boolean shared) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(shared);
            socket.bind(new InetSocketAddress(0));
            return new ClosedPort(socket, socket.getLocalPort());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A UDP port on the loopback address that answers every datagram with "port unreachable": the socket holding it is
     * connected to itself, so the kernel hands it no datagram from anyone else.
     */
    public static ClosedPort udp() throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.connect(socket.getLocalSocketAddress());
            return new ClosedPort(socket, socket.getLocalPort());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /**
     * A server listening on this port on the loopback address (only for {@link #tcpToListenOnLater}); the port is the
     * server's from then on, and the caller closes it.
     */
    public ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        held.close();
        return server;
    }

    @Override
    public void close() throws IOException {
        held.close();
    }
}
