package io.runbook.lab.dns;

import java.io.IOException;
import java.net.BindException;

/**
 * Starts the primary and the secondary on one port of their two addresses, so the zone's NS records plus a
 * single {@code port} argument reach both (as the dns_record module's propagation check expects). With
 * port 0 the primary picks a free port; if the secondary's address has it taken, both try another. A port
 * that was asked for and is taken is a {@link BindException} that names the address and port.
 */
final class SharedPort {
    private static final int ATTEMPTS = 10;

    private SharedPort() {
    }

    static void bind(LabDnsServer primary, LabDnsServer secondary, int port) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < (port == 0 ? ATTEMPTS : 1); attempt++) {
            try {
                primary.start();
            } catch (BindException e) {
                throw busy(primary, port, e);
            }
            try {
                secondary.startOn(primary.address().getPort());
                return;
            } catch (BindException e) {
                last = busy(secondary, primary.address().getPort(), e);
                primary.stop();
                primary.forgetPort(port);
            }
        }
        throw last;
    }

    private static BindException busy(LabDnsServer server, int port, BindException cause) {
        BindException e = new BindException("the lab DNS cannot listen on " + server.address().getAddress().getHostAddress()
                + ":" + port + " (UDP and TCP): the port is in use, by another lab or DNS server (" + cause.getMessage() + ")");
        e.initCause(cause);
        return e;
    }
}
