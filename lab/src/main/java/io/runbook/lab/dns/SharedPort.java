package io.runbook.lab.dns;

import java.io.IOException;
import java.net.BindException;

/**
 * Starts the primary and the secondary on one port of their two addresses, so the zone's NS records plus a
 * single {@code port} argument reach both (as the dns_record module's propagation check expects). With
 * port 0 the primary picks a free port; if the secondary's address has it taken, both try another.
 */
final class SharedPort {
    private static final int ATTEMPTS = 10;

    private SharedPort() {
    }

    static void bind(LabDnsServer primary, LabDnsServer secondary, int port) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < (port == 0 ? ATTEMPTS : 1); attempt++) {
            primary.start();
            try {
                secondary.startOn(primary.address().getPort());
                return;
            } catch (BindException e) {
                last = e;
                primary.stop();
                primary.forgetPort(port);
            }
        }
        throw new IOException("cannot bind the lab DNS secondary on " + secondary.address().getAddress().getHostAddress()
                + " with the primary's port: " + last.getMessage(), last);
    }
}
