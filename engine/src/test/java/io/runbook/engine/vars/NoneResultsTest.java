package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static io.runbook.engine.vars.Fixtures.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A None result: what ansible-core 2.14's Templar gave for each template of {@code vars/none-results.tsv}, measured
 * with these variables (None only for a variable written alone whose value is None, else '').
 */
class NoneResultsTest {
    private static final Path TABLE = Path.of("src/test/resources/vars/none-results.tsv");

    private final Templar templar = new Templar();

    private Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("n", null);
        vars.put("d", ordered("k", null, "j", 1));
        vars.put("l", Arrays.asList((Object) null));
        vars.put("i", 3);
        vars.put("b", true);
        vars.put("s", "x");
        vars.put("a", "{{ n }}");
        vars.put("e", "{{ d.k }}");
        vars.put("lst", List.of(1, 2));
        return new VarScope(List.of(vars), templar, HashBehaviour.REPLACE);
    }

    @Test
    void everyTemplateGivesWhatAnsibleGaveOrTheDocumentedType() throws IOException {
        Map<String, Object> vars = vars();
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(TABLE)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            String template = unescape(cols[0]);
            String expected = cols.length > 2 ? cols[2] : cols[1];
            String got = PyValues.repr(templar.render(template, vars, WHERE));
            rows++;
            if (!expected.equals(got)) {
                wrong.add(cols[0] + " gave " + got + ", expected " + expected);
            }
        }
        assertTrue(rows > 40, "the table was read");
        assertEquals(List.of(), wrong);
    }

    @Test
    void aPlainMapOfVariablesKeepsNoneOnlyForAVariableWrittenAlone() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("n", null);
        assertTrue(Templar.keepsNull("{{ n }}", vars));
        assertTrue(Templar.keepsNull("{{n}}\n", vars));
        assertFalse(Templar.keepsNull("{{ n }}\n\n", vars));
        assertFalse(Templar.keepsNull("{{ m }}", vars), "not a variable");
        assertFalse(Templar.keepsNull("{{ n.x }}", vars));
        assertFalse(Templar.keepsNull(" {{ n }}", vars));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t");
    }
}
