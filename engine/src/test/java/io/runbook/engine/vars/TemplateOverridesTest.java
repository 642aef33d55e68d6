package io.runbook.engine.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A template's {@code #jinja2:} first line, as Ansible's do_template reads it (checked with ansible-playbook 2.14). */
class TemplateOverridesTest {
    private final Templar templar = new Templar();

    private String render(String template) {
        return templar.renderString(template, Map.of("name", "world"), new SourcePosition(Path.of("site.yml"), 1, 1));
    }

    @Test
    void theFirstLineSetsDelimitersAndIsNotOutput() {
        assertEquals("\"foo\" \"bar\"\n {{ kept }}\n", render("#jinja2: variable_start_string:'<<', variable_end_string:'>>'\n"
                + "{% macro m() %}\n\"foo\" \"bar\"\n{% endmacro %}<< m() >> {{ kept }}\n"));
        assertEquals("hello world\n", render("#jinja2:trim_blocks: True, comment_start_string:\"[#\", comment_end_string:\"#]\"\n"
                + "hello {{ name }}[# note #]\n"));
    }

    /** The template target's override_colon_value.j2 and what ansible-playbook writes for it. */
    @Test
    void aLineStatementPrefixMakesLinesTagsThatTakeTheirNewline() {
        assertEquals("foo\n", render("#jinja2: line_statement_prefix:\":\"\n: if true\nfoo\n: endif\n"));
        assertEquals("a\nb\n", render("#jinja2: line_statement_prefix:'%'\n  % for x in ['a', 'b']\n{{ x }}\n  % endfor\n"));
    }

    /** Checked with ansible-playbook 2.14's template module: the line's settings win over the module's. */
    @Test
    void theLineSetsTrimBlocksLstripBlocksAndTheNewlineSequence() {
        assertEquals("a\n  b\n", render("#jinja2: lstrip_blocks: True\n{% if true %}\na\n  {% if true %}\n  b\n  {% endif %}\n{% endif %}\n"));
        assertEquals("\na\n", render("#jinja2: trim_blocks: False\n{% if true %}\na\n{% endif %}\n"));
        assertEquals("a\r\nb\r\n", render("#jinja2: newline_sequence:'\\r\\n'\na\nb\n"));
    }

    @Test
    void aSettingTheEngineDoesNotHaveIsAnError() {
        UserError e = assertThrows(UserError.class, () -> render("#jinja2: autoescape: True\n{{ name }}\n"));
        assertTrue(e.getMessage().contains("the #jinja2: setting 'autoescape' is not supported"), e.getMessage());
        UserError notBool = assertThrows(UserError.class, () -> render("#jinja2: lstrip_blocks: yes\n{{ name }}\n"));
        assertTrue(notBool.getMessage().contains("lstrip_blocks must be True or False, got yes"), notBool.getMessage());
        UserError pair = assertThrows(UserError.class, () -> render("#jinja2: variable_start_string='<<'\n{{ name }}\n"));
        assertTrue(pair.getMessage().contains("failed to parse jinja2 override 'variable_start_string='<<''"), pair.getMessage());
    }
}
