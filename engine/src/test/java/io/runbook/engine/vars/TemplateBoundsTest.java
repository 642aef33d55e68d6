package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Safe by construction: a template that doubles itself, pads to a huge width or nests a value into itself fails
 * with its place instead of filling the memory, and nothing of Java is reachable from a template.
 */
class TemplateBoundsTest {
    private final Templar templar = new Templar();
    private final Map<String, Object> vars = Fixtures.vars();

    @ParameterizedTest
    @ValueSource(strings = {
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s.replace('a', 'aa').replace('b', 'bb') %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = '%s%s' % (ns.s, ns.s) %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = '{0}{0}'.format(ns.s) %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = [ns.s, ns.s] | join %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l | length }}",
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l | to_json | length }}",
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l | to_yaml | length }}",
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l | string | length }}",
        "{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s | to_json %}{% endfor %}{{ ns.s | length }}",
        "{{ 'x' | center(1000000000) }}",
        "{{ 'x'.ljust(1000000000) }}",
        "{{ '1'.zfill(1000000000) }}",
        "{{ '{:>1000000000}'.format(1) }}",
        "{{ '%1000000000d' % 1 }}",
        "{{ 'a\nb' | indent(1000000000) }}",
        "{{ [1, [2]] | to_json(indent=1000000000) }}",
        "{{ 'ab' * 1000000000 }}",
        "{{ [1] * 1000000000 }}",
        "{{ range(100000000) | list | length }}",
        "{{ 10 ** 100000000 }}",
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
    })
    void aTemplateThatGrowsWithoutBoundFailsFastWithItsPlace(String template) {
        UserError error = assertThrows(UserError.class, () -> templar.render(template, vars, WHERE));
        assertTrue(error.format().startsWith("playbooks/recover.yml:12:15: "), error.format());
        assertTrue(error.format().matches(".*(too large|at most|too big|levels deep).*"), error.format());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh", ""})
    void variablesThatDoubleEachOtherFailNamingTheValue(String start) {
        // s1: "{{ s0 }}{{ s0 }}" … s40: 2^40 renders, and 2^43 characters unless s0 is empty
        vars.put("s0", start);
        for (int i = 1; i <= 40; i++) {
            vars.put("s" + i, "{{ s" + (i - 1) + " }}{{ s" + (i - 1) + " }}");
        }
        UserError error = assertThrows(UserError.class, () -> templar.render("{{ s40 | length }}", vars, WHERE));
        assertTrue(error.format().matches("playbooks/recover\\.yml:12:15: rendering it needs more than 100000 variable"
                + " values: do variables repeat or double each other\\? \\(in the value of 's40'\\)"), error.format());
    }

    @Test
    void aLoopOverManyValuesThatAreTemplatesIsNotLimited() {
        List<Object> hosts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            hosts.add(Map.of("api", "https://{{ cluster.name }}"));
        }
        vars.put("hosts", hosts);
        vars.put("apis", "{{ hosts | map(attribute='api') | select('search', 'prod') | list }}");
        assertEquals(20_000, templar.render("{{ apis | length }}", vars, WHERE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ name.getClass() }}", "{{ name.getClass().forName('java.lang.Runtime') }}", "{{ ''.__class__.__mro__ }}", "{{ ''.__class__.__subclasses__() }}", "{{ ''.__class__.__class__.__base__ }}",
        "{{ cluster.getClass() }}", "{{ ports.getClass() }}", "{{ count.getClass() }}", "{{ name.class }}",
        "{{ cluster.entrySet() }}", "{{ name.getBytes() }}", "{{ name.chars() }}",
    })
    void nothingOfJavaIsReachable(String template) {
        UserError error = assertThrows(UserError.class, () -> templar.render(template, vars, WHERE));
        assertTrue(error.format().matches(".*(has no attribute|undefined variable).*"), error.format());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% include '/etc/passwd' %}", "{% include '../../../etc/passwd' %}",
        "{% import '/etc/hosts' as h %}", "{% from '../x.j2' import m %}"})
    void includeAndImportOnlyFromThePlaybooksFolder(String template) {
        UserError error = assertThrows(UserError.class, () -> templar.renderString(template, vars, WHERE));
        assertTrue(error.format().contains("is outside the playbook's folder"), error.format());
    }
}
