package io.runbook.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    @Test
    void readsAsInstantWritesItWhateverTheFraction() {
        List<Instant> times = List.of(Instant.parse("2026-12-04T16:03:51Z"), Instant.parse("2026-12-04T16:03:51.100Z"),
                Instant.parse("2026-12-04T16:03:51.000100Z"), Instant.parse("2026-12-04T16:03:51.000000001Z"),
                Instant.parse("2026-12-04T16:03:51.666142103Z"), Instant.parse("2026-12-04T16:03:52.5Z"),
                Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.01Z"),
                Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.parse("2026-12-04T16:03:51.000000999Z"));
        for (Instant t : times) {
            // twice: the second's text is made, then taken as made
            assertEquals(t.toString(), IsoInstant.text(t));
            assertEquals(t.toString(), IsoInstant.text(t));
        }
        Instant now = Instant.now();
        assertEquals(now.toString(), IsoInstant.text(now));
    }
}
