package io.runbook.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor facts of /proc/cpuinfo files (facts/cpuinfo/NAME.txt: this machine's, two hyper-threaded sockets,
 * Xen paravirt, aarch64) as ansible-core 2.14's get_cpu_facts gives them (NAME.json, written by it; see README.md).
 */
class CpuInfoTest {
    private static final Path HERE = Path.of("src/test/resources/facts/cpuinfo");

    @ParameterizedTest
    @ValueSource(strings = {"amd-epyc-1-socket-2-cores", "xeon-2-sockets-2-cores-ht", "xen-paravirt", "aarch64-4"})
    void theProcessorFactsAreAnsibles(String name) throws Exception {
        Map<?, ?> expected = new ObjectMapper().readValue(HERE.resolve(name + ".json").toFile(), Map.class);
        Map<String, Object> facts = CpuInfo.facts(Files.readString(HERE.resolve(name + ".txt")), name.startsWith("xen-"),
                name.startsWith("aarch64") ? "aarch64" : "x86_64", 2);
        assertEquals(expected, facts);
    }

    @org.junit.jupiter.api.Test
    void anUnreadableCpuinfoGivesNoProcessorFacts() {
        assertEquals(Map.of(), CpuInfo.facts(null, false, "x86_64", 2));
    }
}
