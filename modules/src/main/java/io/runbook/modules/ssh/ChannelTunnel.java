package io.runbook.modules.ssh;

import com.jcraft.jsch.Channel;
import io.runbook.modules.connection.Tunnel;
import java.io.InputStream;
import java.io.OutputStream;

/** A TCP stream opened by the SSH server ({@code direct-tcpip}). */
final class ChannelTunnel implements Tunnel {
    private final Channel channel;
    private final InputStream in;
    private final OutputStream out;

    ChannelTunnel(Channel channel, InputStream in, OutputStream out) {
        this.channel = channel;
        this.in = in;
        this.out = out;
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public void close() {
        channel.disconnect();
    }
}
