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
    @Test
    void mapsAreWrittenWithTheirKeysSortedAsText() {
        Map<Object, Object> mixed = new java.util.LinkedHashMap<>();
        mixed.put(10, "ten");
        mixed.put("9", "nine");
        mixed.put(true, "yes");
        assertEquals("{\"10\": \"ten\", \"9\": \"nine\", \"true\": \"yes\"}", Json.compact(mixed));
        Map<String, Object> text = new java.util.LinkedHashMap<>();
        text.put("zeta", 1);
        text.put("Alpha", java.util.List.of());
        text.put("alpha", Map.of());
        assertEquals("{\"Alpha\": [], \"alpha\": {}, \"zeta\": 1}", Json.compact(text));
        assertEquals("{\n    \"Alpha\": [],\n    \"alpha\": {},\n    \"zeta\": 1\n}", Json.pretty(text));
    }

    @Test
    void jsonMadeBeforeIsWrittenAsItIs() {
        Json.Raw made = new Json.Raw(Json.compact(Map.of("b", 1, "a", "x")));
        assertEquals("{\"event\": \"host_result\", \"result\": {\"a\": \"x\", \"b\": 1}}",
                Json.compact(Map.of("result", made, "event", "host_result")));
    }
}
