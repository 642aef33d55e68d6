package io.runbook.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    void unsafeOnAListOrMappingMarksEveryStringInItAsAnsibleDoes() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) plain("l: !unsafe ['b{{x}}', c, 3, yes]\nm: !unsafe {k: '{{y}}'}\ns: 'z{{x}}'\n");
        List<?> l = (List<?>) m.get("l");
        assertEquals(io.runbook.engine.vars.UnsafeText.class, l.get(0).getClass());
        assertEquals("b{{x}}", l.get(0).toString());
        assertEquals(List.of(3, true), l.subList(2, 4), "numbers and booleans keep their type");
        assertEquals(io.runbook.engine.vars.UnsafeText.class, ((Map<?, ?>) m.get("m")).get("k").getClass());
        assertEquals(String.class, m.get("s").getClass(), "outside !unsafe a template stays a template");
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

    @Test
    void mergeKeysWorkAsInAnsibleOwnKeysWinThenTheFirstMergedMapping() {
        String yaml = "base: &base {a: 1, b: 2}\nother: &other {b: 20, c: 30}\n"
                + "m1:\n  <<: *base\n  b: 3\nm2:\n  <<: [*base, *other]\nm3:\n  b: 3\n  <<: *base\n";
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) plain(yaml);
        assertEquals(Map.of("a", 1, "b", 3), m.get("m1"));
        assertEquals(Map.of("a", 1, "b", 2, "c", 30), m.get("m2"));
        assertEquals(Map.of("a", 1, "b", 3), m.get("m3"));
        assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) m.get("m3")).keySet()), "merged keys first, as PyYAML");
    }

    @Test
    void aMergeKeyOfAScalarIsRefusedAtItsPlace() {
        UserError e = assertThrows(UserError.class, () -> plain("a: 1\nm:\n  <<: 5\n"));
        assertEquals("t.yml:3:7: a merge key '<<' takes a mapping or a list of mappings (such as *base or [*base, *extra]),"
                + " not a number", e.format());
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() {
        assertEquals(Map.of("<<", "x"), plain("'<<': x\n"));
    }

    @Test
    void deepNestingIsRefusedAtTheLevelThatPassesTheLimit() {
        UserError e = assertThrows(UserError.class, () -> plain("x: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n"));
        assertEquals("t.yml:1:" + (3 + GuardedParser.MAX_DEPTH) + ": values are nested more than 200 levels deep here"
                + " (flatten the data; no playbook, inventory or manifest needs this depth)", e.format());
    }

    @Test
    void aliasesThatExpandExponentiallyAreRefusedAtTheAlias() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 7; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        UserError e = assertThrows(UserError.class, () -> plain(yaml.toString()));
        assertEquals(true, e.format().startsWith("t.yml:6:"), e.format());
        assertEquals(true, e.format().contains("expands the document past 1000000 values"), e.format());
    }

    @Test
    void anAliasInsideItsOwnAnchorIsRefused() {
        UserError e = assertThrows(UserError.class, () -> plain("a: &a [1, *a]\n"));
        assertEquals("t.yml:1:11: alias *a is inside its own anchor &a: recursive data is not supported", e.format());
    }

    @Test
    void aNumberTooLargeForALongIsAnErrorNotACrash() {
        UserError e = assertThrows(UserError.class, () -> plain("n: 123456789012345678901234567890\n"));
        assertEquals(true, e.format().startsWith("t.yml:1:4: the number 123456789012345678901234567890 is too large"), e.format());
    }

    @Test
    void controlCharactersAndBadBytesArePlaced() {
        UserError nul = assertThrows(UserError.class, () -> SourceText.decode("a: 1\nb: x\u0000y\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), Path.of("t.yml")));
        assertEquals(true, nul.format().startsWith("t.yml:2:5: a NUL byte is not allowed in YAML text"), nul.format());
        UserError latin1 = assertThrows(UserError.class, () -> SourceText.decode(new byte[] {'a', ':', ' ', 'c', 'a', 'f',
                (byte) 0xE9, '\n'}, Path.of("t.yml")));
        assertEquals(true, latin1.format().startsWith("t.yml:1:7: invalid UTF-8 here (byte 0xE9 at offset 6)"), latin1.format());
        byte[] utf16 = "\uFEFFa: b\u00e9\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        assertEquals("a: b\u00e9\n", SourceText.decode(utf16, Path.of("t.yml")));
    }

    /** The settings and the schema are made once and shared: hosts load their files in parallel. */
    @Test
    void filesLoadedAtOnceOnManyThreadsAreTypedAsAloneAndKeepTheirOwnPlaces() throws Exception {
        String yaml = "i: 3\nb: yes\nn: ~\nf: 1.5\nx: 0x1F\ns: '0755'\nl: [on, off, .inf, -7]\n";
        Map<String, Object> typed = new java.util.HashMap<>(Map.of("i", 3, "b", true, "f", 1.5, "x", 31, "s", "0755",
                "l", List.of(true, false, Double.POSITIVE_INFINITY, -7)));
        typed.put("n", null);
        assertEquals(typed, plain(yaml));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<YNode>> loads = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Path origin = Path.of("host_vars/h" + i + ".yml");
                loads.add(pool.submit(() -> YamlLoader.loadAll(yaml, origin).get(0)));
            }
            for (int i = 0; i < loads.size(); i++) {
                YMap doc = (YMap) loads.get(i).get();
                assertEquals(typed, doc.toPlain());
                assertEquals("host_vars/h" + i + ".yml:6:4", doc.get("s").orElseThrow().position().toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
