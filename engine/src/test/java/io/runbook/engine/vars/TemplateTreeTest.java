package io.runbook.engine.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.TreeParser;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.TextToken;
import com.hubspot.jinjava.tree.parse.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@link TemplateTree} (Jinjava's scanner with {@link ScanConfig}, no Jinjava instance) builds the tree Jinjava's own
 * TreeParser builds with a fully built Jinjava and configuration (but for its line numbers after a trimmed newline,
 * which are counted right here), and finds the same first error at the same line:
 * for every template of the Jinja corpus and for whitespace control, raw blocks, comments and malformed templates.
 */
class TemplateTreeTest {
    private static final Path CORPUS = Path.of("src/test/jinja-corpus");

    /** Whitespace control, trim_blocks, raw, comments, tags with and without bodies, and malformed templates. */
    private static final List<String> CASES = List.of(
            "plain text", "a {{ b }} c", "{{ a }}{{ b }}", "{{- a -}} x {{- b }}\n", "x {# note #} y", "x {#- note -#} y",
            "a{# c #}b{# d #}c", "{% if a %}\nyes\n{% else %}\nno\n{% endif %}\nafter\n",
            "{%- if a -%}  x  {%- elif b -%} y {%- else -%} z {%- endif -%}  tail",
            "{% for i in items if i %}{{ i }}{% else %}none{% endfor %}", "{% for i in x %}\n  {{ i }}\n{%- endfor %}\n",
            "{% set x = 1 %}{{ x }}", "{% set x %}body {{ y }}{% endset %}{{ x }}", "{%- set x -%}  b  {%- endset -%} x",
            "{% with a = 1 %}{{ a }}{% endwith %}", "{% filter upper %}x{% endfilter %}",
            "{% macro m(a, b=2) %}{{ a }}{% endmacro %}{{ m(1) }}", "{% call m(1) %}inner{% endcall %}",
            "{% raw %}{{ not }}{% if %}{% endraw %}", "{%- raw -%}  {{ x }}  {%- endraw -%}", "{%+ if a %}x{% endif +%}\ny",
            "{% include 'x.j2' %}", "{% import 'm.j2' as m %}{% from 'm.j2' import a, b as c %}",
            "{% if a %}{% for b in c %}{% if d %}{{ e }}{% endif %}{% endfor %}{% endif %}",
            "{% autoescape true %}x{% endautoescape %}", "{% do x.append(1) %}", "{% print x %}",
            "line 1\nline 2 {{ x }}\n{% if y %}\nline 4\n{% endif %}",
            // malformed: each is reported at its first error, with its line
            "{% for c in clusters %}{{ c }}", "x {{ name }", "{% endif %}", "{% if a %}{% endfor %}", "a\n{% bogus %}",
            "{# never closed", "{% if a %}\n{% if b %}\nx\n{% endif %}", "{{ a }}\n{% if b %}\n{% endfor %}\n{% endif %}",
            "{% for x in y %}{% else %}{% endfor %}{% endif %}", "{% set x %}no end", "{% if", "a {{ b");

    @Test
    void theScannerNeedsNoMapperAndReadsWhatABuiltConfigurationSays() {
        JinjavaConfig scan = ScanConfig.create();
        assertInstanceOf(ScanConfig.class, scan, "allocated without JinjavaConfig's constructor (no ObjectMapper)");
        JinjavaConfig built = ScanConfig.built();
        assertEquals(built.getTokenScannerSymbols(), scan.getTokenScannerSymbols());
        assertEquals(built.isTrimBlocks(), scan.isTrimBlocks());
        assertEquals(built.isLstripBlocks(), scan.isLstripBlocks());
        assertEquals(built.isKeepTrailingNewline(), scan.isKeepTrailingNewline());
        assertEquals(built.getLegacyOverrides(), scan.getLegacyOverrides());
        assertFalse(scan.getFeatures().isActive("whitespace_required_within_tokens"));
    }

    @Test
    void buildsJinjavasTreeForHandwrittenTemplates() {
        CASES.forEach(TemplateTreeTest::sameAsJinjava);
    }

    @Test
    void buildsJinjavasTreeForEveryTemplateOfTheCorpus() throws IOException {
        List<String> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))
                        .forEach(doc -> strings(doc, templates));
            }
        }
        try (Stream<Path> files = Files.list(CORPUS.resolve("templates"))) {
            for (Path file : files.sorted().toList()) {
                templates.add(Files.readString(file));
            }
        }
        assertTrue(templates.size() > 300, "templates found in the corpus: " + templates.size());
        templates.forEach(TemplateTreeTest::sameAsJinjava);
    }

    private static void strings(Object value, List<String> out) {
        if (value instanceof String s && Jinja.hasTemplate(s)) {
            out.add(s);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> strings(v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> strings(v, out));
        }
    }

    private static void sameAsJinjava(String source) {
        String text = Template.plusMarkers(Template.protectBraces(source));
        JinjavaInterpreter interpreter = interpreter(ScanConfig.built());
        Node expected = parsed(interpreter, text);
        List<TemplateError> errors = interpreter.getErrors();
        List<Node> actual;
        try {
            actual = TemplateTree.of(text);
        } catch (ExpressionFailure failure) {
            if (errors.isEmpty()) {
                fail("Jinjava finds no error in " + source + ", TemplateTree: " + failure.getMessage());
            }
            assertEquals("malformed template: " + TemplateTree.cause(errors.get(0).getMessage()), failure.getMessage(), source);
            // the line as Jinjava counts it without trim_blocks, which it then counts right
            JinjavaInterpreter untrimmed = interpreter(ScanConfig.built(false, ScanConfig.LSTRIP_BLOCKS));
            parsed(untrimmed, text);
            assertEquals(untrimmed.getErrors().get(0).getLineno(), failure.line(), source);
            return;
        }
        assertTrue(errors.isEmpty(), () -> "TemplateTree finds no error in " + source + ", Jinjava: " + errors);
        sameNodes(expected.getChildren(), actual, source);
        linesWhereTheyStart(actual, text, new int[] {0}, source);
    }

    private static JinjavaInterpreter interpreter(JinjavaConfig config) {
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerTag(new BodyTag("with"));
        jinjava.getGlobalContext().registerTag(new BodyTag("filter"));
        return new JinjavaInterpreter(jinjava, new Context(jinjava.getGlobalContext()), jinjava.getGlobalConfig());
    }

    private static Node parsed(JinjavaInterpreter interpreter, String text) {
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            return new TreeParser(interpreter, text).buildTree();
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /**
     * Each expression's and tag's line is the line its text starts on. Jinjava's scanner numbers the lines after a block tag whose
     * newline trim_blocks drops one too low, so lines are checked against the source rather than Jinjava's tree.
     */
    private static void linesWhereTheyStart(List<Node> nodes, String text, int[] cursor, String source) {
        for (Node n : nodes) {
            if (n instanceof TextNode) {
                continue;  // adjacent texts are merged (a comment between them gone): no longer the source's text
            }
            String image = n.getMaster().getImage();
            int at = text.indexOf(image, cursor[0]);
            assertTrue(at >= 0, () -> image + " in " + source);
            int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
            assertEquals(line, n.getLineNumber(), () -> "line of " + image + " in " + source);
            cursor[0] = at + image.length();
            linesWhereTheyStart(n.getChildren(), text, cursor, source);
        }
    }

    private static void sameNodes(List<Node> expected, List<Node> actual, String source) {
        assertEquals(expected.size(), actual.size(), () -> "nodes of " + source);
        for (int i = 0; i < expected.size(); i++) {
            Node e = expected.get(i);
            Node a = actual.get(i);
            assertEquals(e.getClass(), a.getClass(), source);
            assertEquals(e.getStartPosition(), a.getStartPosition(), source);
            sameToken(e.getMaster(), a.getMaster(), source);
            if (e instanceof TextNode) {
                assertEquals(((TextToken) e.getMaster()).output(), ((TextToken) a.getMaster()).output(), source);
            } else if (e instanceof ExpressionNode) {
                assertEquals(((ExpressionToken) e.getMaster()).getExpr(), ((ExpressionToken) a.getMaster()).getExpr(), source);
            } else if (e instanceof TagNode et && a instanceof TagNode at) {
                assertEquals(et.getName(), at.getName(), source);
                assertEquals(et.getEndName(), at.getEndName(), source);
                assertEquals(et.getHelpers(), at.getHelpers(), source);
            }
            sameNodes(e.getChildren(), a.getChildren(), source);
        }
    }

    private static void sameToken(Token e, Token a, String source) {
        assertEquals(e.getClass(), a.getClass(), source);
        assertEquals(e.getImage(), a.getImage(), source);
        assertEquals(e.isLeftTrim(), a.isLeftTrim(), source);
        assertEquals(e.isRightTrim(), a.isRightTrim(), source);
        assertEquals(e.isRightTrimAfterEnd(), a.isRightTrimAfterEnd(), source);
    }

    /** A tag with a body, as TemplateTree registers {@code with} and {@code filter}. */
    private record BodyTag(String name) implements Tag {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            throw new UnsupportedOperationException();
        }
    }
}
