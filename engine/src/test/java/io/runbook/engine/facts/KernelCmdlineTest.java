package io.runbook.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cmdline and proc_cmdline facts of kernel command lines (facts/cmdline/NAME.txt: a key given three times,
 * quotes in and at the start of words, a quote never closed) as ansible-core 2.14's cmdline collector gives them
 * (NAME.json, written by it).
 */
class KernelCmdlineTest {
    private static final Path HERE = Path.of("src/test/resources/facts/cmdline");

    @ParameterizedTest
    @ValueSource(strings = {"repeated-and-quoted", "unclosed-quote", "quote-never-closed"})
    void theFactsAreAnsibles(String name) throws Exception {
        Map<?, ?> expected = new ObjectMapper().readValue(HERE.resolve(name + ".json").toFile(), Map.class);
        String text = Files.readString(HERE.resolve(name + ".txt")).strip();
        assertEquals(expected, KernelCmdline.facts(text));
    }
}
