package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code f(*args)} and {@code f(**kwargs)} in calls, filters and lookups, with Ansible 2.14's (Jinja 3.1's) results. */
class CallSpreadTest {
    private final Templar templar = new Templar();
    private final Map<String, Object> vars = new HashMap<>(Map.of("xs", List.of("a", "b"), "kw", Map.of("sep", "-")));

    private Object render(String template) {
        return templar.render(template, vars, WHERE);
    }

    @Test
    void starSpreadsAListOrAStringIntoPositionalArguments() {
        assertEquals("a-b", render("{{ '{}-{}'.format(*xs) }}"));
        assertEquals("ab", render("{{ '{}{}'.format(*'ab') }}"));
        assertEquals(List.of(1, 2, 3), render("{{ range(*[1, 4]) | list }}"));
    }

    @Test
    void lookupTermsCanBeSpreadAsWithLoopsDo() {
        assertEquals(Marked.unsafe("a", "b"), render("{{ lookup('items', *xs, wantlist=True) }}"));
    }

    @Test
    void doubleStarSpreadsAMappingIntoKeywordArguments() {
        assertEquals(Map.of("a", 1, "sep", "-"), render("{{ dict(a=1, **kw) }}"));
    }

    @Test
    void argumentsInAnOrderJinjaRefusesAreSyntaxErrors() {
        for (String bad : List.of("{{ dict(**kw, b=2) }}", "{{ [1] | join(*xs, 'x') }}", "{{ dict(**kw, **kw) }}")) {
            UserError e = assertThrows(UserError.class, () -> templar.check(bad, WHERE), bad);
            assertTrue(e.getMessage().contains("argument"), e.getMessage());
        }
    }

    @Test
    void spreadingAnUndefinedOrAWrongValueFailsNamingIt() {
        UserError undefined = assertThrows(UserError.class, () -> render("{{ range(*nope) | list }}"));
        assertTrue(undefined.getMessage().contains("undefined variable 'nope'"), undefined.getMessage());
        UserError notMapping = assertThrows(UserError.class, () -> render("{{ dict(**xs) }}"));
        assertTrue(notMapping.getMessage().contains("argument after ** must be a mapping, not list"), notMapping.getMessage());
    }
}
