package io.runbook.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostStatsTest {
    /** The format ansible-playbook's recap line has, as HostStats made it with String.format before. */
    private static final String ANSIBLE = "%-26s : ok=%-4s changed=%-4s unreachable=%-4s failed=%-4s skipped=%-4s rescued=%-4s ignored=%-4s";

    @Test
    void recapLineIsAnsiblesWhateverTheNameAndCounts() {
        HostStats stats = new HostStats();
        for (String host : List.of("c0001", "", "a-host-name-of-26-letters!", "a-host-name-longer-than-twenty-six-letters",
                "h\u00f6st-\u00e9t\u00e9", "\ud83d\ude00-emoji")) {
            assertEquals(String.format(ANSIBLE, host, 0, 0, 0, 0, 0, 0, 0), stats.recapLine(host));
        }
        HostStats counted = new HostStats();
        for (int i = 0; i < 12_345; i++) {
            counted.count(HostStatus.CHANGED, false, false);
            if (i % 10 == 0) {
                counted.count(HostStatus.SKIPPED, false, false);
            }
            if (i % 100 == 0) {
                counted.count(HostStatus.FAILED, true, false);
                counted.count(HostStatus.FAILED, false, true);
            }
            if (i % 1000 == 0) {
                counted.count(HostStatus.FAILED, false, false);
                counted.count(HostStatus.UNREACHABLE, false, false);
            }
        }
        assertEquals(String.format(ANSIBLE, "cluster", counted.ok(), counted.changed(), counted.unreachable(), counted.failed(),
                counted.skipped(), counted.rescued(), counted.ignored()), counted.recapLine("cluster"));
        assertEquals("cluster                    : ok=12469 changed=12345 unreachable=13   failed=13   skipped=1235 rescued=124 "
                + " ignored=124 ", counted.recapLine("cluster"));
    }
}
