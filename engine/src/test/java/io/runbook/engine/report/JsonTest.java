package io.runbook.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void floatsAreWrittenAsPythonsJsonWritesThem() {
        // stat's times: ansible-playbook prints 1796295878.219759, not Java's 1.796295878219759E9
        assertEquals("{\"atime\": 1796295878.219759, \"big\": 1e+16, \"one\": 1.0, \"small\": 0.0001}",
                Json.compact(Map.of("atime", 1796295878.219759, "one", 1.0, "small", 0.0001, "big", 1e16)));
    }
}
