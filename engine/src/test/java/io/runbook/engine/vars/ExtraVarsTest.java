package io.runbook.engine.vars;

import static io.runbook.engine.vars.Fixtures.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtraVarsTest {
    private static final Path HERE = Path.of("src/test/resources/vars");

    private Map<String, Object> parse(String... arguments) {
        return ExtraVars.parse(List.of(arguments), HERE);
    }

    @Test
    void keyValuePairsAreStringsAndQuotesGroupWords() {
        assertEquals(ordered("target", "dr", "count", "3", "msg", "fail over now", "empty", ""),
                parse("target=dr count=3 msg='fail over now' empty="));
        assertEquals(ordered("msg", "say \"hi\""), parse("msg=\"say \\\"hi\\\"\""));
        // as ansible-playbook's parse_kv (checked with Debian's): Python escapes decoded, a Jinja block one word, an
        // escaped '=' kept in the value, the first unescaped '=' ends the name
        assertEquals(ordered("msg", "a\tbA"), parse("msg=a\\tb\\x41"));
        assertEquals(ordered("msg", "{{ \"x y\" }}"), parse("msg={{ \"x y\" }}"));
        assertEquals(ordered("msg", "a\\=b"), parse("msg=a\\=b"));
        assertEquals(ordered("msg", "a=b", "c", "d"), parse("msg=a=b c=d"));
    }

    @Test
    void inlineJsonAndYamlKeepTypes() {
        assertEquals(ordered("replicas", 3, "clusters", List.of("prod", "dr"), "dry", true),
                parse("{\"replicas\": 3, \"clusters\": [\"prod\", \"dr\"], \"dry\": true}"));
        assertEquals(ordered("replicas", 2), parse("---\nreplicas: 2\n"));
    }

    @Test
    void atFileReadsYamlRelativeToTheWorkingDirectory() {
        assertEquals(ordered("target_cluster", "dr", "replicas", 3, "dns", ordered("zone", "example.org")),
                parse("@extra.yml"));
    }

    @Test
    void laterArgumentsWinKeyByKey() {
        assertEquals(ordered("target_cluster", "prod", "replicas", 3, "dns", ordered("zone", "example.org"), "x", "1"),
                parse("@extra.yml", "target_cluster=prod x=1"));
    }

    @Test
    void mistakesAreUserErrorsThatSayWhatToWrite() {
        assertEquals("-e: cannot read 'oops' (write key=value, JSON/YAML such as '{\"key\": 1}', or @file.yml)",
                assertThrows(UserError.class, () -> parse("a=1 oops")).format());
        assertEquals("-e: '1x' is not a valid variable name (use letters, digits and '_', not starting with a digit)",
                assertThrows(UserError.class, () -> parse("1x=2")).format());
        assertEquals("-e: failed at splitting arguments, either an unbalanced jinja2 block or quotes: msg='hi",
                assertThrows(UserError.class, () -> parse("msg='hi")).format());
        assertEquals("file not found: " + HERE.resolve("missing.yml"),
                assertThrows(UserError.class, () -> parse("@missing.yml")).format());
        assertEquals("src/test/resources/vars/extra-list.yml:1:1: extra vars '@extra-list.yml' must be a mapping of"
                + " names to values, not a list", assertThrows(UserError.class, () -> parse("@extra-list.yml")).format());
    }
}
