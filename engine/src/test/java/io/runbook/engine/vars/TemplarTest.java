package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static io.runbook.engine.vars.Fixtures.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplarTest {
    private final Templar templar = new Templar();
    private final Map<String, Object> vars = Fixtures.vars();

    private String text(String template) {
        return templar.renderString(template, vars, WHERE);
    }

    private Object render(Object value) {
        return templar.render(value, vars, WHERE);
    }

    @Test
    void singleExpressionKeepsListType() {
        assertEquals(List.of(80, 443), render("{{ ports }}"));
        assertEquals(List.of(80, 443), render("{{ports}}"));
    }

    @Test
    void singleExpressionKeepsMapNumberBooleanAndNull() {
        assertEquals(vars.get("cluster"), render("{{ cluster }}"));
        assertEquals(3, render("{{ count }}"));
        assertEquals(4, render("{{ count + 1 }}"));
        assertEquals(true, render("{{ enabled }}"));
        assertNull(render("{{ nothing }}"));
        assertEquals("10.0.0.1", render("{{ cluster.nodes[0].ip }}"));
    }

    @Test
    void textAroundAnExpressionMakesAString() {
        assertEquals("ports: [80,443]", render("ports: {{ ports }}"));
        assertEquals(" 3", render(" {{ count }}"));
        assertEquals("3 3", render("{{ count }} {{ count }}"));
    }

    @Test
    void valuesAreWrittenAsTextTheDocumentedWay() {
        assertEquals("count=3 ratio=2 half=0.5", text("count={{ count }} ratio={{ ratio }} half={{ half }}"));
        assertEquals("on=true off=false", text("on={{ enabled }} off={{ clusters[1].primary }}"));
        assertEquals("[]", text("{{ empty_list }}"));
        assertEquals("{\"name\":\"prod\",\"primary\":true}", text("{{ clusters[0] }}"));
        assertEquals("null:[]", text("null:[{{ nothing }}]"), "null is written as empty text");
        assertEquals("3", text("{{ count }}"), "renderString always returns text");
    }

    @Test
    void noHtmlEscaping() {
        vars.put("markup", "<a&b>\"'");
        assertEquals("<a&b>\"' and <a&b>\"'", text("{{ markup }} and {{{ markup }}}"));
        assertEquals("x <a&b>\"'", text("x {{ markup }}"));
    }

    @Test
    void dottedPathsAndListIndexesBothWork() {
        assertEquals("prod/dr/10.0.0.2", text("{{ clusters.0.name }}/{{ clusters[1].name }}/{{ cluster['nodes'][-1].ip }}"));
    }

    @Test
    void sectionsIterateListsAndSeeOuterVariables() {
        assertEquals("[prod:3][dr:3]", text("{{#clusters}}[{{ name }}:{{ count }}]{{/clusters}}"));
        assertEquals("80,443,", text("{{#ports}}{{.}},{{/ports}}"));
        assertEquals("prod*", text("{{#clusters}}{{#primary}}{{ name }}*{{/primary}}{{/clusters}}"));
        assertEquals("10.0.0.1 10.0.0.2 ", text("{{#cluster.nodes}}{{ ip }} {{/cluster.nodes}}"));
        assertEquals("prod", text("{{#cluster}}{{ name }}{{/cluster}}"), "a map section opens the map");
    }

    @Test
    void invertedSectionsUseTruthiness() {
        assertEquals("none", text("{{^empty_list}}none{{/empty_list}}"));
        assertEquals("none", text("{{^empty_map}}none{{/empty_map}}"));
        assertEquals("zero", text("{{^zero}}zero{{/zero}}"));
        assertEquals("", text("{{^ports}}none{{/ports}}"));
        assertEquals("unset", text("{{^ missing | default(false) }}unset{{/ missing | default(false) }}"));
    }

    @Test
    void undefinedVariableNamesTheVariableAndItsLine() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class,
                () -> text("cluster {{ cluster.nmae }} is down"));
        assertEquals("cluster.nmae", error.variable());
        assertEquals(WHERE, error.position());
        assertEquals("playbooks/recover.yml:12:15: undefined variable 'cluster.nmae' (did you mean 'name'?)",
                error.format());
    }

    @Test
    void undefinedVariableIsAnErrorInEveryForm() {
        assertThrows(UndefinedVariableError.class, () -> render("{{ missing }}"));
        assertThrows(UndefinedVariableError.class, () -> text("{{#missing}}x{{/missing}}"));
        assertThrows(UndefinedVariableError.class, () -> text("{{^missing}}x{{/missing}}"));
        UndefinedVariableError inSection = assertThrows(UndefinedVariableError.class,
                () -> text("{{#clusters}}{{ nmae }}{{/clusters}}"));
        assertEquals("undefined variable 'nmae' (did you mean 'name'?)", inSection.cause());
    }

    @Test
    void undefinedVariableInAMultiLineTemplateGivesTheTemplateLine() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class,
                () -> text("apiVersion: v1\nkind: ConfigMap\nname: {{ cluster.nmae }}\n"));
        assertEquals("undefined variable 'cluster.nmae' (line 3 of the template) (did you mean 'name'?)",
                error.cause());
    }

    @Test
    void defaultMakesAnUndefinedVariableOk() {
        assertEquals("fallback", render("{{ missing | default('fallback') }}"));
        assertEquals("prod fallback", text("{{ cluster.name | default('x') }} {{ cluster.zone | d('fallback') }}"));
    }

    @Test
    void filtersChainLeftToRight() {
        assertEquals("PROD-EAST", text("{{ name | lower | upper }}"));
        assertEquals("UHJvZC1FYXN0", text("{{ name | b64encode }}"));
        assertEquals("Prod-East", text("{{ name | b64encode | b64decode }}"));
        assertEquals(2, render("{{ clusters | length }}"));
        assertEquals("2", text("{{ ports | length | string }}"));
    }

    @Test
    void mapsAndListsAreRenderedRecursivelyKeysToo() {
        Map<String, Object> task = ordered("name", "deploy {{ name }}", "{{ cluster.name }}_key", "{{ ports }}",
                "nested", List.of("{{ count }}", ordered("flag", "{{ enabled }}")), "plain", 7);
        Object rendered = render(task);
        assertEquals(ordered("name", "deploy Prod-East", "prod_key", List.of(80, 443),
                "nested", List.of(3, ordered("flag", true)), "plain", 7), rendered);
        assertEquals("deploy {{ name }}", task.get("name"), "the input is not modified");
    }

    @Test
    void stringsWithoutTemplatesComeBackAsTheyAre() {
        String plain = "no templates here {";
        assertSame(plain, render(plain));
        assertSame(plain, text(plain));
        assertEquals(42, render(42));
        assertNull(render(null));
    }

    @Test
    void isTemplateLooksForDoubleBraces() {
        assertTrue(Templar.isTemplate("a {{ b }}"));
        assertTrue(Templar.isTemplate(List.of("x", Map.of("k", "{{ v }}"))));
        assertTrue(Templar.isTemplate(Map.of("{{ k }}", 1)));
        assertFalse(Templar.isTemplate("a { b }"));
        assertFalse(Templar.isTemplate(3));
        assertFalse(Templar.isTemplate(null));
    }

    @Test
    void malformedTemplateIsAUserErrorWithTheParsersCause() {
        UserError unclosed = assertThrows(UserError.class, () -> text("{{#clusters}}{{ name }}"));
        assertEquals("playbooks/recover.yml:12:15: malformed template: Failed to close 'clusters' tag", unclosed.format());
        UserError brace = assertThrows(UserError.class, () -> text("x {{ name }"));
        assertEquals("malformed template: Improperly closed variable", brace.cause());
        assertEquals("malformed template: section '{{#ports}}' is closed by '{{/count}}'",
                assertThrows(UserError.class, () -> text("{{#ports}}{{/count}}")).cause());
        assertEquals("malformed template: '{{/ports}}' closes a section that was never opened",
                assertThrows(UserError.class, () -> text("x {{/ports}}")).cause());
        UserError expression = assertThrows(UserError.class, () -> text("x {{ count + }}"));
        assertEquals("cannot parse expression 'count +' near '+'", expression.cause());
    }

    @Test
    void unknownFilterSuggestsTheRightOne() {
        UserError error = assertThrows(UserError.class, () -> text("{{ name | uper }}"));
        assertEquals("playbooks/recover.yml:12:15: unknown filter 'uper' in 'name | uper' (did you mean 'upper'?)",
                error.format());
    }

    @Test
    void partialsAreRefused() {
        assertEquals("partials ('{{> other}}') are not supported in templates",
                assertThrows(UserError.class, () -> text("{{> other }}")).cause());
    }

    @Test
    void commentsAreDropped() {
        assertEquals("ok", text("{{! a comment with {braces} | and pipes }}ok"));
    }
}
