package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static io.runbook.engine.vars.Fixtures.ordered;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the syntax check finds before anything runs: everything but undefined variables. */
class StaticCheckTest {
    private final Templar templar = new Templar();
    private final Conditions conditions = new Conditions();

    private String templateProblem(Object value) {
        return assertThrows(UserError.class, () -> templar.check(value, WHERE)).format();
    }

    @Test
    void wellFormedTemplatesPassWithoutVariables() {
        assertDoesNotThrow(() -> templar.check(ordered("msg", "{{ undefined_is_fine_here | upper }}",
                "list", List.of("{% for i in items %}{{ i.name }}{% endfor %}", 3), "{{ key }}", "plain"), WHERE));
        assertDoesNotThrow(() -> conditions.check("result is changed and missing.var > 1", WHERE));
    }

    @Test
    void unknownFilterIsFoundBeforeAnythingRuns() {
        assertEquals("playbooks/recover.yml:12:15: unknown filter 'uper' (did you mean 'upper'?)",
                templateProblem(ordered("args", List.of("text {{ name | uper }} more"))));
        assertEquals("playbooks/recover.yml:12:15: unknown filter 'to_jsn' (did you mean 'to_json'?)",
                templateProblem("{{ x | to_jsn }}"));
    }

    @Test
    void expressionsInsideSectionsAndKeysAreCheckedToo() {
        assertEquals("playbooks/recover.yml:12:15: unknown test 'definde' (did you mean 'defined'?)",
                templateProblem("{% for i in items %}{% if x is definde %}y{% endif %}{% endfor %}"));
        assertEquals("playbooks/recover.yml:12:15: cannot parse 'a +': the expression ends too early at column 4", templateProblem(ordered("{{ a + }}", 1)));
    }

    @Test
    void malformedTemplateIsFoundWithoutRendering() {
        assertTrue(templateProblem("{% for i in items %}{{ i }}").startsWith("playbooks/recover.yml:12:15: malformed template: "));
    }

    @Test
    void malformedConditionIsFoundWithoutEvaluating() {
        assertEquals("playbooks/recover.yml:12:15: unknown test 'chaged' (did you mean 'changed'?)",
                assertThrows(UserError.class, () -> conditions.check("result is chaged", WHERE)).format());
        assertEquals("playbooks/recover.yml:12:15: single '=' in 'rc = 0': use '==' to compare",
                assertThrows(UserError.class, () -> conditions.check("{{ rc = 0 }}", WHERE)).format());
    }

    @Test
    void unsafeDataIsNotChecked() {
        assertDoesNotThrow(() -> templar.check(Templar.unsafe(ordered("stdout", "{{ .Values | bogus }}")), WHERE));
    }
}
