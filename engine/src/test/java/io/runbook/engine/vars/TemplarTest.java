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
        assertEquals("ports: [80, 443]", render("ports: {{ ports }}"));
        assertEquals(" 3", render(" {{ count }}"));
        assertEquals("3 3", render("{{ count }} {{ count }}"));
    }

    @Test
    void valuesAreWrittenAsTextTheDocumentedWay() {
        assertEquals("count=3 ratio=2.0 half=0.5", text("count={{ count }} ratio={{ ratio }} half={{ half }}"));
        assertEquals("on=True off=False", text("on={{ enabled }} off={{ clusters[1].primary }}"));
        assertEquals("[]", text("{{ empty_list }}"));
        assertEquals("{'name': 'prod', 'primary': True}", text("{{ clusters[0] }}"));
        assertEquals("null:[]", text("null:[{{ nothing }}]"), "None is written as empty text, as Ansible's finalize does");
        assertEquals("[None, \"it's\"]", text("{{ [nothing, \"it's\"] }}"), "inside containers, Python's repr");
        assertEquals("3", text("{{ count }}"), "renderString always returns text");
    }

    @Test
    void noHtmlEscaping() {
        vars.put("markup", "<a&b>\"'");
        assertEquals("<a&b>\"' and <a&b>\"'", text("{{ markup }} and {{ markup | string }}"));
        assertEquals("x <a&b>\"'", text("x {{ markup }}"));
    }

    @Test
    void dottedPathsAndListIndexesBothWork() {
        assertEquals("prod/dr/10.0.0.2", text("{{ clusters.0.name }}/{{ clusters[1].name }}/{{ cluster['nodes'][-1].ip }}"));
    }

    @Test
    void loopsConditionsAndSetWorkAsInJinja() {
        assertEquals("[prod:3][dr:3]", text("{% for c in clusters %}[{{ c.name }}:{{ count }}]{% endfor %}"));
        assertEquals("80,443,", text("{% for p in ports %}{{ p }},{% endfor %}"));
        assertEquals("prod*", text("{% for c in clusters if c.primary %}{{ c.name }}*{% endfor %}"));
        assertEquals("none", text("{% for x in empty_list %}{{ x }}{% else %}none{% endfor %}"));
        assertEquals("1/2 2/2 ", text("{% for p in ports %}{{ loop.index }}/{{ loop.length }} {% endfor %}"));
        assertEquals("zero", text("{% if zero %}set{% elif empty_map %}map{% else %}zero{% endif %}"));
        assertEquals("6", text("{% set total = count * 2 %}{{ total }}"));
        assertEquals("a\nb\n", text("{% for x in ['a', 'b'] %}\n{{ x }}\n{% endfor %}"), "trim_blocks as in Ansible");
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
        assertThrows(UndefinedVariableError.class, () -> text("{% for x in missing %}x{% endfor %}"));
        assertThrows(UndefinedVariableError.class, () -> text("{% if missing %}x{% endif %}"));
        UndefinedVariableError inSection = assertThrows(UndefinedVariableError.class,
                () -> text("{% for name in ports %}{{ nmae }}{% endfor %}"));
        assertEquals("undefined variable 'nmae' (did you mean 'name'?)", inSection.cause());
    }

    @Test
    void undefinedVariableInAMultiLineTemplateGivesTheTemplateLine() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class,
                () -> text("apiVersion: v1\nkind: ConfigMap\nname: {{ cluster.nmae }}\n"));
        assertEquals("undefined variable 'cluster.nmae' (line 3 of the template) (did you mean 'name'?)",
                error.cause());
    }

    /** Jinjava's scanner does not count the newline trim_blocks drops after a block tag; the lines are counted again. */
    @Test
    void theTemplateLineCountsTheNewlinesAfterBlockTags() {
        UndefinedVariableError error = assertThrows(UndefinedVariableError.class,
                () -> text("a\n{% if true %}\nb\n{% endif %}\n{% for x in [1] %}{{ x }}\n{% endfor %}\nname: {{ cluster.nmae }}\n"));
        assertEquals("undefined variable 'cluster.nmae' (line 7 of the template) (did you mean 'name'?)", error.cause());
        UndefinedVariableError inBlock = assertThrows(UndefinedVariableError.class,
                () -> text("{% if true %}\n{% if true %}\n\n  {{ cluster.nmae }}\n{% endif %}\n{% endif %}\n"));
        assertEquals("undefined variable 'cluster.nmae' (line 4 of the template) (did you mean 'name'?)", inBlock.cause());
    }

    @Test
    void anUndefinedVariableKeepsItsPartsSoAnsiblesWordingIsComposed() {
        UndefinedVariableError missing = assertThrows(UndefinedVariableError.class,
                () -> text("apiVersion: v1\nname: {{ cluster.nmae }}\n"));
        assertEquals("'cluster.nmae' is undefined (line 2 of the template)", missing.ansibleCause());
        UndefinedVariableError worded = missing.inAnsibleWords("The error was: ");
        assertEquals("playbooks/recover.yml:12:15: The error was: 'cluster.nmae' is undefined (line 2 of the template)"
                + " (did you mean 'name'?)", worded.format());
        assertEquals("cluster.nmae", worded.variable());
        assertEquals(missing.ansibleCause(), worded.ansibleCause());
        UndefinedVariableError explained = assertThrows(UndefinedVariableError.class, () -> render("{{ [] | first }}"));
        assertEquals("No first item, sequence was empty.", explained.cause());
        assertEquals("No first item, sequence was empty.", explained.ansibleCause());
    }

    /** As Ansible's Templar (checked with ansible-core 2.14): a missing item or attribute of a literal is undefined. */
    @Test
    void aMissingItemOrAttributeOfALiteralOrAnOperationIsUndefined() {
        assertEquals("d", render("{{ [1][3] | default('d') }}"));
        assertEquals("e", render("{{ {'a': 1}.b | default('e') }}"));
        assertEquals("f", render("{{ ('a' ~ 'b').x | default('f') }}"));
        UndefinedVariableError item = assertThrows(UndefinedVariableError.class, () -> render("{{ [1][3] }}"));
        assertEquals("undefined variable '[...][3]' ('[...]' has 1 item; list object has no element 3)", item.cause());
        UndefinedVariableError key = assertThrows(UndefinedVariableError.class, () -> render("{{ {'a': 1}.b }}"));
        assertEquals("{...}.b", key.variable());
        UndefinedVariableError attribute = assertThrows(UndefinedVariableError.class, () -> render("{{ ('a' ~ 'b').x }}"));
        assertEquals("(...).x", attribute.variable());
    }

    /** As Ansible's Templar: a string written in the expression is not templated again; a variable's value is. */
    @Test
    void anItemOfAListOrDictWrittenInTheExpressionIsNotTemplatedAgain() {
        vars.put("x", "X");
        vars.put("a", "{{ x }}");
        assertEquals("{{ x }}", render("{{ ['{{ x }}'][0] }}"));
        assertEquals("{{ x }}", render("{{ {'k': '{{ x }}'}.k }}"));
        assertEquals("{{ x }}", render("{{ ('{{ x }}',)[0] }}"));
        assertEquals("X", render("{{ [a][0] }}"));
        assertEquals("X", render("{{ {'k': a}['k'] }}"));
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
        UserError unclosed = assertThrows(UserError.class, () -> text("{% for c in clusters %}{{ c }}"));
        assertTrue(unclosed.format().startsWith("playbooks/recover.yml:12:15: malformed template: "), unclosed.format());
        assertTrue(unclosed.cause().contains("endfor"), unclosed.cause());
        UserError brace = assertThrows(UserError.class, () -> text("x {{ name }"));
        assertTrue(brace.cause().startsWith("malformed template: "), brace.cause());
        UserError expression = assertThrows(UserError.class, () -> text("x {{ count + }}"));
        assertEquals("cannot parse 'count +': the expression ends too early at column 8", expression.cause());
    }

    @Test
    void aMalformedTemplateLeavesNoErrorBehindForTheNextOnTheSameThread() {
        // the thread's scanning interpreter is reused between templates: one that collected errors is not
        UserError forLoop = assertThrows(UserError.class, () -> text("{% for c in clusters %}never closed"));
        assertTrue(forLoop.cause().contains("endfor"), forLoop.cause());
        for (int i = 0; i < 3; i++) {
            assertEquals("ok " + i, text("{% if true %}ok{% endif %} {{ " + i + " }}"));
            UserError ifTag = assertThrows(UserError.class, () -> text("{% if true %}never closed either"));
            assertTrue(ifTag.cause().contains("endif") && !ifTag.cause().contains("endfor"), ifTag.cause());
        }
    }

    @Test
    void unknownFilterSuggestsTheRightOne() {
        UserError error = assertThrows(UserError.class, () -> text("{{ name | uper }}"));
        assertEquals("playbooks/recover.yml:12:15: unknown filter 'uper' (did you mean 'upper'?)",
                error.format());
    }

    @Test
    void commentsAreDropped() {
        assertEquals("ok", text("{# a comment with {braces} | and pipes #}ok"));
    }

    /** Output as Ansible's Templar gives it for the same text (checked with ansible-core for three units). */
    @Test
    void aLargeTemplateWithManyTagsAndRawBlocksKeepsEveryBraceInPlace() {
        StringBuilder template = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            template.append("{% set x = {'n': {'v': ").append(i).append("}} %}{{ x['n']['v'] }},")
                    .append("{%- raw %} {{ {'r': {'s': 1}} }}{% endraw %};{%   raw%}{% if {} %}}{% endraw %}|")
                    .append("{% if count > 1 %}{{ {'a': {'b': 'y'}}['a']['b'] }}{% endif %}\n");
            expected.append(i).append(", {{ {'r': {'s': 1}} }};{% if {} %}}|y");
        }
        assertEquals(expected.append('\n').toString(), text(template.toString()));
    }
}
