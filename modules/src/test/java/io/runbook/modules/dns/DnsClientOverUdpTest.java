package io.runbook.modules.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.module.RunScheduler;
import io.runbook.modules.ClosedPort;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The propagation wait's query over UDP ({@link DnsClient#askLater}) when no answer comes: a server whose datagrams
 * are dropped (a firewall) and a port nothing listens on, each in the words the task's message uses.
 */
class DnsClientOverUdpTest {
    private static final Duration QUERY_TIMEOUT = Duration.ofMillis(300);
    /** Only keeps a broken test from hanging the suite. */
    private static final long LIMIT_MINUTES = 2;

    @Test
    void aServerThatDropsTheQueryGivesNoAnswerWithinTheQueryTimeoutOverUdp() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             RunScheduler scheduler = new RunScheduler()) {
            DnsClient client = new DnsClient(false);
            IOException failure = failure(client, new ServerAddress("ns2.example.test.",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort())), scheduler);
            assertEquals("no answer within 0.3 s over UDP", client.whyUnreachable(failure, QUERY_TIMEOUT));
        }
    }

    @Test
    void aPortNothingListensOnIsPortUnreachableOverUdp() throws Exception {
        try (ClosedPort gone = ClosedPort.udp(); RunScheduler scheduler = new RunScheduler()) {
            DnsClient client = new DnsClient(false);
            IOException failure = failure(client, new ServerAddress("ns2.example.test.",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), gone.port())), scheduler);
            assertEquals("port unreachable over UDP", client.whyUnreachable(failure, QUERY_TIMEOUT));
        }
    }

    private static IOException failure(DnsClient client, ServerAddress server, RunScheduler scheduler) throws Exception {
        var answer = client.askLater(server, Name.fromString("mp.example.test."), Type.A, QUERY_TIMEOUT, scheduler);
        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(LIMIT_MINUTES, TimeUnit.MINUTES));
        return assertInstanceOf(IOException.class, e.getCause());
    }
}
