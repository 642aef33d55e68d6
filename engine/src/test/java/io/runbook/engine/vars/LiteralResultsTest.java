package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template results read back as data as ansible-playbook (jinja2_native off) reads them; each case checked with its Templar. */
class LiteralResultsTest {
    private final Templar templar = new Templar();
    private final Map<String, Object> vars = new HashMap<>(Map.of("a", 1, "b", "x", "s", "[1, 2]", "xs", List.of(1, 2),
            "foo", "{{ \"\" }}{\"null\": null, \"true\": true}"));

    private Object render(String template) {
        return templar.render(template, vars, WHERE);
    }

    @Test
    void textThatSpellsAListADictOrABooleanBecomesOne() {
        assertEquals(List.of(1, "x"), render("[{{ a }}, '{{ b }}']"));
        Map<String, Object> jsonNames = new LinkedHashMap<>();
        jsonNames.put("null", null);
        jsonNames.put("true", true);
        assertEquals(jsonNames, render("{{ foo }}"), "JSON's null/true/false are read too");
        assertEquals("", render("{{ foo.null }}"), "None that is not a variable alone is '', as Ansible's finalize");
        assertEquals(List.of(1, 2), render("{{ s }}"));
        assertEquals(true, render("{{ 'True' }}"));
        assertEquals(List.of(1), render("{{ '' }}[1]"));
    }

    @Test
    void otherTextStaysText() {
        assertEquals(" [1, 2]", render(" {{ s }}"), "only text that starts with [ or {");
        assertEquals("[1, a]", render("{{ '[1, a]' }}"), "not a literal");
        assertEquals("true", render("{{ 'true' }}"), "only True and False on their own");
        assertEquals("False ", render("{{ 'False ' }}"));
        assertEquals("{", render("{{ '{' }}"));
    }

    @Test
    void stringFiltersKeepText() {
        Object json = render("{{ xs | to_json }}");
        assertEquals("[1, 2]", json.toString());
        assertEquals("NativeJinjaText", PyValues.typeName(json), "Ansible's class of a string filter's text");
        assertEquals("[1]", render("{{ '[1]' | string }}").toString());
        assertEquals(List.of(1, 2), render("{{ s | trim }}"), "any other filter's text is read");
    }

    @Test
    void valuesThatAreNotTextKeepTheirType() {
        assertEquals(1, render("{{ a }}"));
        assertEquals(Arrays.asList(1, 2), render("{{ xs }}"));
    }

    @Test
    void jinja2NativeReadsTextAsPythonLiterals() {
        Templar nativeMode = new Templar();
        nativeMode.jinja2Native(true);
        vars.put("two", "2");
        vars.put("nothing", null);
        java.util.function.Function<String, Object> r = t -> nativeMode.render(t, vars, WHERE);
        assertEquals(2, r.apply("{{ two }}"));
        assertEquals(1.6, r.apply("{{ '1.6' }}"));
        assertEquals(12, r.apply("{{ a }}{{ two }}"));
        assertEquals("'2'", r.apply("'{{ two }}'"), "a string literal keeps its quotes");
        assertEquals(List.of(1, 2), r.apply("{{ xs | join(',') }}"), "a bare tuple (a list here)");
        assertEquals("true", r.apply("{{ 'true' }}"), "no JSON names");
        assertEquals(" 1", r.apply("{{ ' 1' }}"), "Python's indentation error: text");
        assertEquals(null, r.apply("{{ nothing }}"));
        assertEquals(null, r.apply("{{ None }}"));
        assertEquals("xNone", r.apply("x{{ nothing }}"));
        assertEquals("NativeJinjaText", PyValues.typeName(r.apply("{{ a | string }}")));
        assertEquals("", render("{{ foo.null }}"), "the default mode is not changed");
    }

    @Test
    void secretTextIsNeverRead() {
        vars.put("vaulted", SecretText.vaulted("[1, 2]"));
        assertEquals(SecretText.class, render("{{ vaulted }}").getClass());
    }
}
