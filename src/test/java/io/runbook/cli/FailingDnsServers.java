package io.runbook.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Two DNS servers on loopback that fail, on one UDP port: 127.0.0.3 answers every query with SERVFAIL (as a server
 * whose zone did not load does), 127.0.0.4 never answers (a server that is down behind a firewall dropping packets).
 */
final class FailingDnsServers implements AutoCloseable {
    private final DatagramSocket servfail;
    private final DatagramSocket silent;
    private final Thread answering;

    private FailingDnsServers(DatagramSocket servfail, DatagramSocket silent) {
        this.servfail = servfail;
        this.silent = silent;
        this.answering = new Thread(this::answer, "servfail-dns");
        answering.setDaemon(true);
        answering.start();
    }

    /** Both servers, on a port free on both addresses. */
    static FailingDnsServers start() throws IOException {
        for (int attempt = 0; ; attempt++) {
            DatagramSocket servfail = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
            try {
                DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.4"), servfail.getLocalPort()));
                return new FailingDnsServers(servfail, silent);
            } catch (BindException taken) {
                servfail.close();
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }

    int port() {
        return servfail.getLocalPort();
    }

    private void answer() {
        byte[] buffer = new byte[4096];
        while (!servfail.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                servfail.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                if (query.getHeader().getFlag(Flags.RD)) {
                    answer.getHeader().setFlag(Flags.RD);
                }
                answer.getHeader().setRcode(Rcode.SERVFAIL);
                answer.addRecord(query.getQuestion(), Section.QUESTION);
                byte[] wire = answer.toWire();
                servfail.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed (the test ended), or a packet that is no DNS query: nothing to answer
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        servfail.close();
        silent.close();
        answering.join();
    }
}
