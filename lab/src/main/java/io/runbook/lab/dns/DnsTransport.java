package io.runbook.lab.dns;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * DNS over UDP and TCP (RFC 1035 §4.2, two-byte length prefix, several messages per connection) on one
 * address and port, each request handed to a function that returns the reply bytes (null: no reply).
 * Daemon threads: one per socket, one per TCP connection.
 */
final class DnsTransport implements Closeable {
    private static final int TCP_IDLE_MS = 30_000;
    private static final int BIND_ATTEMPTS = 10;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final BiFunction<byte[], Boolean, byte[]> handler;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    /** Binds UDP and TCP on the address; port 0 picks a port free for both. */
    DnsTransport(InetSocketAddress at, BiFunction<byte[], Boolean, byte[]> handler) throws IOException {
        this.handler = handler;
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int attempt = 0; t == null; attempt++) {
            u = new DatagramSocket(at);
            try {
                t = new ServerSocket();
                t.setReuseAddress(true);
                t.bind(new InetSocketAddress(at.getAddress(), u.getLocalPort()), 50);
            } catch (IOException e) {
                u.close();
                if (t != null) {
                    t.close();
                }
                t = null;
                // with port 0, the UDP port picked may be taken for TCP (e.g. by a client socket): pick again
                if (at.getPort() != 0 || attempt >= BIND_ATTEMPTS) {
                    throw e;
                }
            }
        }
        this.udp = u;
        this.tcp = t;
        String label = at.getAddress().getHostAddress() + ":" + udp.getLocalPort();
        start("labdns-udp-" + label, this::serveUdp);
        start("labdns-tcp-" + label, this::acceptTcp);
    }

    int port() {
        return udp.getLocalPort();
    }

    private static void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (open) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                byte[] reply = reply(Arrays.copyOf(packet.getData(), packet.getLength()), true);
                if (reply != null) {
                    udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void acceptTcp() {
        while (open) {
            try {
                Socket s = tcp.accept();
                connections.add(s);
                start("labdns-tcp-conn", () -> serveTcp(s));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void serveTcp(Socket s) {
        try (s) {
            s.setSoTimeout(TCP_IDLE_MS);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (open) {
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                byte[] reply = reply(request, false);
                if (reply != null) {
                    out.writeShort(reply.length);
                    out.write(reply);
                    out.flush();
                }
            }
        } catch (EOFException | SocketException e) {
            // the client closed the connection, or we are closing
        } catch (IOException e) {
            // idle timeout or a broken connection: drop it, as a server does
        } finally {
            connections.remove(s);
        }
    }

    private byte[] reply(byte[] request, boolean overUdp) {
        try {
            return handler.apply(request, overUdp);
        } catch (RuntimeException e) {
            // a bug must not kill the listener: say it, and let the client time out
            System.err.println("lab DNS: request not handled: " + e);
            return null;
        }
    }

    @Override
    public void close() {
        open = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
