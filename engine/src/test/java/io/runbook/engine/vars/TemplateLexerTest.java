package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.WHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How templates are split into text, expressions and tags, and what a malformed one reports. The expected texts are what
 * Jinja2 3.1.2 renders with Ansible's settings (trim_blocks on), asked of Debian's python3.
 */
class TemplateLexerTest {
    private final Templar templar = new Templar();
    private final Map<String, Object> vars = Map.of("a", 1, "items", java.util.List.of("x", "y"));

    private String text(String template) {
        return templar.renderString(template, vars, WHERE);
    }

    private String problem(String template) {
        return assertThrows(UserError.class, () -> templar.check(template, WHERE)).format();
    }

    @Test
    void rawKeepsTheNewlineAfterItsOpeningTagAndTrimsTheOneAfterItsEnd() {
        assertEquals("a\nXb", text("a{% raw %}\nX{% endraw %}\nb"));
        assertEquals("aXb", text("a{% raw -%}\n  X  {%- endraw %}\nb"));
        assertEquals("{{ not a template }} {% if %}", text("{% raw %}{{ not a template }} {% if %}{% endraw %}"));
    }

    @Test
    void commentsAreDroppedWithTheirNewlineUnlessThePlusKeepsIt() {
        assertEquals("b", text("{# c #}\nb"));
        assertEquals("\nb", text("{# c +#}\nb"));
        assertEquals("\nb", text("{% if a +%}\nb{% endif %}"));
        assertEquals("ab", text("a {#- a comment with }} and %} -#} b"));
    }

    @Test
    void whitespaceControlStripsTheTextOnItsSideOnly() {
        assertEquals(" xy", text("{{- ' x' -}}  y"));
        assertEquals("1", text("  {{- a }}"));
        assertEquals("a b c", text("a {%- if a %} b {% endif -%} c"));
        assertEquals("x  y", text("x {# c #} {{- '' }} y"), "only the text between the comment and the tag is stripped");
    }

    @Test
    void closingDelimitersInsideStringsAndBracketsDoNotEndATag() {
        assertEquals("}}", text("{{ '}}' }}"));
        assertEquals("1", text("{{ {'k': {'v': 1}}['k']['v'] }}"));
        assertEquals("%}", text("{% if '%}' %}%}{% endif %}"));
    }

    @Test
    void setWithAValueHasNoBodyAndSetWithoutOneHasOne() {
        assertEquals("x 1", text("x {% set b = 1 %}\n{{ b }}"));
        assertEquals("[ v ]", text("{% set b %}\n v {% endset %}[{{ b }}]"));
        assertEquals("x|y|", text("{% for i in items %}{% set j = i ~ '|' %}{{ j }}{% endfor %}"));
    }

    @Test
    void malformedTemplatesSayWhatIsWrongAndWhere() {
        assertEquals("playbooks/recover.yml:12:15: malformed template: '{% endif %}' is missing (the '{% if %}' of line 1"
                + " is not closed)", problem("{% if a %}x"));
        assertEquals("playbooks/recover.yml:12:15: malformed template: '{% endif %}' closes nothing: there is no"
                + " '{% if %}' open", problem("x {% endif %}"));
        assertEquals("playbooks/recover.yml:12:15: malformed template: '{% endfor %}' where '{% endif %}' was expected"
                + " (the '{% if %}' of line 1 is still open) (line 2 of the template)", problem("{% if a %}\n{% endfor %}"));
        assertEquals("playbooks/recover.yml:12:15: malformed template: a tag is not closed ('{{' without '}}')",
                problem("x {{ a"));
        assertEquals("playbooks/recover.yml:12:15: malformed template: a comment is not closed ('{#' without '#}')",
                problem("x {# a"));
        assertEquals("playbooks/recover.yml:12:15: malformed template: '{% raw %}' is not closed: '{% endraw %}' is"
                + " missing", problem("{% raw %}x"));
        assertEquals("playbooks/recover.yml:12:15: malformed template: a tag without a name ('{% %}')", problem("{% %}"));
    }

    @Test
    void unknownTagsAreFoundWhereTheyAre() {
        assertEquals("playbooks/recover.yml:12:15: unknown tag 'fro' (did you mean 'for'?)",
                problem("{% fro i in items %}{{ i }}{% endfor %}"));
        assertEquals("playbooks/recover.yml:12:15: unknown tag 'block'", problem("{% block body %}x{% endblock %}"));
        assertEquals("playbooks/recover.yml:12:15: unknown tag 'IF' (did you mean 'if'?)", problem("{% IF a %}x{% endif %}"));
    }
}
