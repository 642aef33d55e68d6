package io.runbook.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {
    private static Object plain(String yaml) {
        return YamlLoader.loadAll(yaml, Path.of("t.yml")).get(0).toPlain();
    }

    @Test
    void unquotedYesNoOnOffAreBooleansAsInAnsible() {
        assertEquals(Map.of("a", true, "b", false, "c", true, "d", false, "e", "no", "f", "yes"),
                plain("a: yes\nb: No\nc: ON\nd: off\ne: 'no'\nf: \"yes\"\n"));
    }

    @Test
    void coreSchemaTypesAreKept() {
        assertEquals(Map.of("i", 3, "l", 10_000_000_000L, "f", 1.5, "n", List.of(), "s", "0755"),
                plain("i: 3\nl: 10000000000\nf: 1.5\nn: []\ns: '0755'\n"));
    }

    @Test
    void duplicateKeyNamesTheKeyAndBothLines() {
        UserError e = assertThrows(UserError.class, () -> plain("a: 1\nb: 2\na: 3\n"));
        assertEquals("t.yml:3:1: duplicate key 'a' (first defined at line 1)", e.format());
    }

    @Test
    void syntaxErrorPointsAtTheProblem() {
        UserError e = assertThrows(UserError.class, () -> plain("a: [1, 2\nb: 3\n"));
        assertEquals("t.yml", e.position().file().toString());
        assertEquals(true, e.position().line() >= 2, e.format());
    }

    @Test
    void positionsAreOneBasedLineAndColumn() {
        YMap map = (YMap) YamlLoader.loadAll("top:\n  inner: value\n", Path.of("t.yml")).get(0);
        YMap inner = (YMap) map.get("top").orElseThrow();
        assertEquals("t.yml:2:3", inner.entry("inner").orElseThrow().keyPosition().toString());
        assertEquals("t.yml:2:10", inner.get("inner").orElseThrow().position().toString());
    }
}
