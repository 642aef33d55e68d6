package io.runbook.modules.ssh;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.JSchException;
import io.runbook.engine.module.ModuleException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A port on 127.0.0.1 whose connections the bastion's SSH server carries on to one API server
 * ({@code direct-tcpip} channels of the bastion's session, reopened when that session was lost).
 *
 * <p>For an {@code https} API server the port is an HTTP {@code CONNECT} proxy that lets through that one
 * {@code host:port} only: the client's TLS connection still goes to the API server's own name (its SNI, its
 * certificate checked against the kubeconfig's CA and that name), the bastion only carries the bytes. For a
 * plain {@code http} API server it is a plain forward (what {@code ssh -L} does).
 */
final class ApiForward implements AutoCloseable {
    private static final int MAX_REQUEST_HEAD = 8192;
    private final SshSessions sessions;
    private final SshTarget bastion;
    private final String host;
    private final int port;
    private final boolean connectProxy;
    private final ServerSocket server;
    private volatile boolean closed;

    private ApiForward(SshSessions sessions, SshTarget bastion, String host, int port, boolean connectProxy, ServerSocket server) {
        this.sessions = sessions;
        this.bastion = bastion;
        this.host = host;
        this.port = port;
        this.connectProxy = connectProxy;
        this.server = server;
    }

    /** Listens on an ephemeral port of 127.0.0.1 and serves every connection on a thread of its own. */
    static ApiForward start(SshSessions sessions, SshTarget bastion, String host, int port, boolean connectProxy) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ApiForward forward = new ApiForward(sessions, bastion, host, port, connectProxy, server);
        Thread acceptor = new Thread(forward::accept, "kube-ssh-tunnel " + host + ":" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return forward;
    }

    int localPort() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed at the end of the run
            }
            Thread t = new Thread(() -> serve(client), "kube-ssh-tunnel connection");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client) {
        Duration timeout = bastion.connectTimeout();
        try {
            client.setTcpNoDelay(true);
            if (connectProxy && !acceptConnect(client, timeout)) {
                client.close();
                return;
            }
            ChannelDirectTCPIP channel = (ChannelDirectTCPIP) sessions.session(bastion).openChannel("direct-tcpip");
            channel.setHost(host);
            channel.setPort(port);
            channel.setOrgIPAddress(client.getInetAddress().getHostAddress());
            channel.setOrgPort(client.getPort());
            channel.setInputStream(client.getInputStream());
            channel.setOutputStream(client.getOutputStream());
            try {
                channel.connect((int) timeout.toMillis());
            } catch (JSchException e) {
                String reason = TunnelFailures.reason(channel.getExitStatus(), e, timeout, bastion.endpoint().describe());
                channel.disconnect();
                refuse(client, "502 Bad Gateway", reason);
                return;
            }
            if (connectProxy) {
                // an API server never speaks first (TLS waits for the client's hello), so nothing races this reply
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
            }
        } catch (ModuleException | JSchException e) {
            refuse(client, "502 Bad Gateway", e.getMessage());
        } catch (IOException e) {
            quietlyClose(client);
        }
    }

    /** Reads the client's {@code CONNECT host:port} request: true when it asks for the API server. */
    private boolean acceptConnect(Socket client, Duration timeout) throws IOException {
        client.setSoTimeout((int) timeout.toMillis());
        String head = requestHead(client.getInputStream());
        client.setSoTimeout(0);
        String[] words = head.lines().findFirst().orElse("").split(" ");
        if (words.length < 2 || !words[0].equals("CONNECT")) {
            refuse(client, "405 Method Not Allowed", "this port only carries CONNECT to the Kubernetes API " + host + ":" + port);
            return false;
        }
        if (!isTheApiServer(words[1])) {
            refuse(client, "403 Forbidden", "this port only carries connections to the Kubernetes API " + host + ":" + port);
            return false;
        }
        return true;
    }

    private boolean isTheApiServer(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        String h = authority.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        String expected = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT)) && authority.substring(colon + 1).equals(String.valueOf(port));
    }

    /** The request line and headers, byte by byte so that nothing after them is consumed. */
    private static String requestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < MAX_REQUEST_HEAD) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private void refuse(Socket client, String status, String reason) {
        if (connectProxy) {
            try {
                OutputStream out = client.getOutputStream();
                String body = String.valueOf(reason).replaceAll("[\\r\\n]+", " ") + "\n";
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException ignored) {
                // the client went away: nothing to tell it
            }
        }
        quietlyClose(client);
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing at the end of the run
        }
    }
}
