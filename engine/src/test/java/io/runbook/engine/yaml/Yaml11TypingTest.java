package io.runbook.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every unquoted scalar in yaml/yaml11-scalars.tsv is typed as Ansible's loader types it: the file holds what
 * Debian's ansible-core made of each (see its first line), for playbooks and vars files ({@link YamlLoader}) and
 * for from_yaml ({@link Yaml11Schema}).
 */
class Yaml11TypingTest {
    private static final LoadSettings FROM_YAML = LoadSettings.builder().setSchema(new Yaml11Schema()).build();

    static Stream<Arguments> measured() throws IOException {
        try (InputStream in = Yaml11TypingTest.class.getResourceAsStream("/yaml/yaml11-scalars.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1))
                    .map(f -> Arguments.of(f[0], f[1], f[2])).toList().stream();
        }
    }

    @ParameterizedTest(name = "[{0}] is {1} {2}")
    @MethodSource("measured")
    void aPlaybookValueIsTypedAsAnsibleTypesIt(String text, String type, String printed) {
        Object value = YamlLoader.loadAll("k: " + text + "\n", Path.of("t.yml")).get(0).toPlain();
        assertTyped(type, printed, ((Map<?, ?>) value).get("k"));
    }

    @ParameterizedTest(name = "[{0}] is {1} {2}")
    @MethodSource("measured")
    void aFromYamlValueIsTypedAsAnsibleTypesIt(String text, String type, String printed) {
        Object value = new Load(FROM_YAML).loadFromString("k: " + text + "\n");
        assertTyped(type, printed, ((Map<?, ?>) value).get("k"));
    }

    private static void assertTyped(String type, String printed, Object value) {
        switch (type) {
            case "NoneType" -> assertNull(value);
            case "bool" -> assertEquals(Boolean.valueOf(printed), value);
            case "int" -> {
                long expected = Long.parseLong(printed);
                assertEquals(expected, ((Number) value).longValue());
                assertEquals(expected == (int) expected ? Integer.class : Long.class, value.getClass());
            }
            case "float" -> assertEquals(python(printed), (Double) value);
            // no date type here: a date or datetime is the text Ansible prints for it
            case "str", "date", "datetime" -> assertEquals(printed, value);
            default -> throw new AssertionError("unknown type " + type);
        }
    }

    private static double python(String printed) {
        return switch (printed) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(printed);
        };
    }

    @Test
    void nanIsAFloat() {
        assertEquals(List.of(Double.NaN, Double.NaN, Double.NaN),
                YamlLoader.loadAll("[.nan, .NaN, .NAN]", Path.of("t.yml")).get(0).toPlain());
    }

    @Test
    void quotedAndTaggedScalarsKeepTheirText() {
        assertEquals(Map.of("a", "0644", "b", "yes", "c", "1_000", "d", 420, "e", "2026-12-03"),
                YamlLoader.loadAll("a: '0644'\nb: \"yes\"\nc: !!str 1_000\nd: !!int '0644'\ne: '2026-12-03'\n", Path.of("t.yml"))
                        .get(0).toPlain());
    }

    @Test
    void aDateThatDoesNotExistIsAnErrorAtItsPlace() {
        // ansible-playbook stops with "Unexpected Exception, this is probably a bug: day is out of range for month"
        UserError e = assertThrows(UserError.class, () -> YamlLoader.loadAll("a: 1\nd: 2026-02-30\n", Path.of("t.yml")));
        assertEquals("t.yml", e.position().file().toString());
        assertEquals(2, e.position().line());
        assertEquals(4, e.position().column());
    }
}
