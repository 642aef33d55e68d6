package io.runbook.modules.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * ProxyJump for jsch: the next session's bytes go through a {@code direct-tcpip} channel of the jump host's
 * session (what {@code ssh -J} does), so the target's host key is still checked end to end.
 */
final class ChannelProxy implements com.jcraft.jsch.Proxy {
    private final Session jump;
    private final String jumpName;
    private Channel channel;
    private InputStream in;
    private OutputStream out;

    ChannelProxy(Session jump, String jumpName) {
        this.jump = jump;
        this.jumpName = jumpName;
    }

    @Override
    public void connect(SocketFactory factory, String host, int port, int timeout) throws Exception {
        try {
            channel = jump.getStreamForwarder(host, port);
            in = channel.getInputStream();
            out = channel.getOutputStream();
            channel.connect(timeout);
        } catch (Exception e) {
            int reason = channel == null ? -1 : channel.getExitStatus();
            throw new JumpFailure(jumpName, host + ":" + port,
                    TunnelFailures.reason(reason, e, java.time.Duration.ofMillis(timeout), "there"), e);
        }
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
    }

    /** The jump host could not open the way on to the next host. */
    static final class JumpFailure extends Exception {
        final String jump;
        final String next;

        JumpFailure(String jump, String next, String reason, Exception cause) {
            super("jump host " + jump + " could not connect to " + next + ": " + reason, cause);
            this.jump = jump;
            this.next = next;
        }
    }
}
