package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static io.runbook.engine.vars.Fixtures.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NestedTemplatesTest {
    private final Templar templar = new Templar();
    private final Conditions conditions = new Conditions();
    private final Map<String, Object> vars = Fixtures.vars();

    @Test
    void variableWhoseValueIsATemplateIsRenderedWhenUsed() {
        vars.put("api", "https://{{ cluster.name }}.example.org:{{ ports[1] }}");
        vars.put("health", "{{ api }}/healthz");
        assertEquals("curl https://prod.example.org:443/healthz", templar.renderString("curl {{ health }}", vars, WHERE));
        assertTrue(conditions.test("health is search('prod')", vars, WHERE));
    }

    @Test
    void nestedTemplatesKeepTypesAndWorkInsideMapsAndLists() {
        vars.put("all_ports", "{{ ports }}");
        vars.put("settings", ordered("replicas", "{{ count }}", "hosts", List.of("{{ cluster.name }}-a")));
        assertEquals(List.of(80, 443), templar.render("{{ all_ports }}", vars, WHERE));
        assertEquals(443, templar.render("{{ all_ports[1] }}", vars, WHERE));
        assertEquals(ordered("replicas", 3, "hosts", List.of("prod-a")), templar.render("{{ settings }}", vars, WHERE));
        assertEquals(3, conditions.evaluate("settings.replicas", vars, WHERE));
    }

    @Test
    void undefinedVariableInsideANestedTemplateSaysWhichValueUsedIt() {
        vars.put("api", "https://{{ cluster.nmae }}");
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class,
                () -> templar.renderString("url: {{ api }}", vars, WHERE));
        assertEquals("cluster.nmae", error.variable());
        assertEquals("playbooks/recover.yml:12:15: undefined variable 'cluster.nmae' (in the value of 'api')"
                + " (did you mean 'name'?)", error.format());
    }

    @Test
    void variableWhoseTemplateUsesAnUndefinedVariableIsUndefinedWhereThatIsAllowed() {
        vars.put("api", "https://{{ missing_host }}/v1");
        assertTrue(conditions.test("api is not defined", vars, WHERE));
        assertEquals("fallback", templar.render("{{ api | default('fallback') }}", vars, WHERE));
        assertEquals("missing_host", assertThrows(UndefinedVariableError.class,
                () -> conditions.test("api == 'x'", vars, WHERE)).variable());
    }

    @Test
    void variableThatNeedsItselfIsAnErrorNotAHang() {
        vars.put("a", "x{{ b }}");
        vars.put("b", "y{{ a }}");
        UserError error = assertThrows(UserError.class, () -> templar.renderString("{{ a }}", vars, WHERE));
        assertEquals("playbooks/recover.yml:12:15: variable 'a' refers to itself: a → b → a", error.format());
    }

    @Test
    void chainsOfVariablesThatAlwaysNeedEachOtherAreFoundWithoutRendering() {
        assertEquals(List.of("a", "b", "a"), templar.selfReference(ordered("a", "x{{ b }}", "b", "{{ a | upper }}", "c", 1)));
        assertEquals(List.of("path", "path"), templar.selfReference(ordered("path", "/srv/{{ path }}")));
        assertEquals(List.of("a", "b", "c", "a"), templar.selfReference(ordered("a", "{{ b.x }}", "b", "{{ [c] }}", "c", "{{ a ~ '' }}")));
        // references made only sometimes are not chains: they fail only if ever rendered that way, as in Ansible
        assertEquals(List.of(), templar.selfReference(ordered("a", "{{ a | default('x') }}")));
        assertEquals(List.of(), templar.selfReference(ordered("a", "{{ b if flag else 1 }}", "b", "{{ a }}")));
        assertEquals(List.of(), templar.selfReference(ordered("a", "{% if flag %}{{ b }}{% endif %}", "b", "{{ a }}")));
        assertEquals(List.of(), templar.selfReference(ordered("a", "{{ flag and b }}", "b", "{{ a }}")));
        assertEquals(List.of(), templar.selfReference(ordered("a", "{{ a is defined }}")));
        assertEquals(List.of(), templar.selfReference(ordered("a", "{{ b }}", "b", "{{ c }}", "c", "plain")));
    }

    @Test
    void unsafeDataIsNeverRendered() {
        Map<String, Object> registered = ordered("stdout", "image: {{ .Values.image }}", "changed", false,
                "items", List.of(ordered("text", "{{ not_a_var }}")));
        vars.put("out", Templar.unsafe(registered));
        assertEquals("image: {{ .Values.image }}", String.valueOf(templar.render("{{ out.stdout }}", vars, WHERE)));
        assertEquals("{{ not_a_var }}", String.valueOf(templar.render("{{ out['items'][0].text }}", vars, WHERE)));
        assertEquals(registered, templar.render("{{ out }}", vars, WHERE));
        assertTrue(conditions.test("out is not changed and '.Values' in out.stdout", vars, WHERE));
        assertEquals("{\"stdout\": \"image: {{ .Values.image }}\", \"changed\": false, \"items\": [{\"text\": \"{{ not_a_var }}\"}]}",
                templar.renderString("{{ out | to_json }}", vars, WHERE));
    }
}
