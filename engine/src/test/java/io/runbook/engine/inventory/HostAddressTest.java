package io.runbook.engine.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses read as Ansible's parse_address reads them: each case of addresses/parse_address.tsv, recorded from it. */
class HostAddressTest {
    @Test
    void everyRecordedAddressReadsAsAnsibleReadsIt() throws IOException {
        List<String> lines = Files.readAllLines(Fixture.path("addresses/parse_address.tsv"));
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String expected = f[2] + "\t" + f[3];
            String got;
            try {
                HostAddress a = HostAddress.parse(f[0], f[1].equals("ranges"));
                got = a.host() + "\t" + (a.port() == null ? "-" : a.port().toString());
            } catch (HostAddress.NotAnAddress e) {
                got = "error\t" + e.getMessage();
            }
            cases++;
            if (!got.equals(expected)) {
                wrong.add("'" + f[0] + "' " + f[1] + ": expected " + expected + ", got " + got);
            }
        }
        assertTrue(cases > 100, "cases read: " + cases);
        assertEquals(List.of(), wrong);
    }

    @Test
    void aTextThatIsNoAddressIsKeptWholeWithoutAPort() {
        assertEquals(new HostAddress("h_:22", null), HostAddress.parseOrKeep("h_:22", true));
        assertEquals(new HostAddress("web[1:2]:22", null), HostAddress.parseOrKeep("web[1:2]:22", false));
    }

    @Test
    void onlyANonZeroPortCounts() {
        assertFalse(HostAddress.parseOrKeep("web:0", true).hasPort());
        assertFalse(HostAddress.parseOrKeep("web", true).hasPort());
        assertTrue(HostAddress.parseOrKeep("web:0022", true).hasPort());
    }

    @Test
    void ipAddressesAreToldFromNames() {
        assertTrue(HostAddress.isIpAddress("10.0.0.5"));
        assertTrue(HostAddress.isIpAddress("fe80::1"));
        assertFalse(HostAddress.isIpAddress("web1.example.com"));
    }
}
