package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template module's trim_blocks, lstrip_blocks, newline_sequence, output_encoding and delimiters: each file is
 * compared byte for byte with what ansible-playbook (Debian's ansible-core) wrote for the same play,
 * template-options/site.yml.
 */
class TemplateOptionsTest {
    private static final String PLAYBOOK = EngineRun.fixture("template-options/site.yml");

    @TempDir
    Path out;

    /** What ansible-playbook wrote, file by file. */
    private static Map<String, byte[]> ansibleWrote() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lstrip_true", utf8("hello world\nhello world\nhello world\n"));
        files.put("lstrip_false", utf8("    hello world\n        hello world\n        hello world\n    \n"));
        files.put("trim_false", utf8("a é\n\nHello x\ny\n\nB\n"));
        // only the template's own newlines are written as \r\n: the variable's "x\ny" keeps its \n
        files.put("crlf", utf8("a é\r\nHello x\ny\r\nB\r\n"));
        files.put("cr", utf8("a é\r\rHello x\ny\r\rB\r"));
        files.put("comment", utf8("Before\nAfter\n"));
        files.put("cp1252", "a é\nHello x\ny\nB\n".getBytes(StandardCharsets.ISO_8859_1));
        files.put("delimiters", utf8("x\ny {{ kept }} {% kept %}\n"));
        // {%+ keeps the blanks in front of it; the other tag's line goes
        files.put("plus", utf8("x\n      y\n"));
        // a template file with CRLF line endings: read as \n (its block tags trimmed as any), written as newline_sequence
        files.put("dos_default", utf8("a x\ny\nb\nc\nplain\n"));
        files.put("dos_crlf", utf8("a x\ny\r\nb\r\nc\r\nplain\r\n"));
        files.put("dos_text", utf8("plain\nonly\n"));
        return files;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void renderedBytesAreAnsiblesAndASecondRunChangesNothing() throws Exception {
        RunResult first = EngineRun.cli(PLAYBOOK, "-i", "localhost,", "-c", "local", "-e", "out=" + out);
        assertEquals(0, first.exitCode(), first.toString());
        first.assertRecap("localhost", 12, 12, 0, 0, 0, 0, 0);
        for (Map.Entry<String, byte[]> file : ansibleWrote().entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(out.resolve(file.getKey())), file.getKey());
        }
        RunResult second = EngineRun.cli(PLAYBOOK, "-i", "localhost,", "-c", "local", "-e", "out=" + out);
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("localhost", 12, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void checkModeWithDiffPredictsEveryFileAndWritesNone() {
        RunResult check = EngineRun.cli(PLAYBOOK, "-i", "localhost,", "-c", "local", "-e", "out=" + out, "--check", "--diff");
        assertEquals(0, check.exitCode(), check.toString());
        check.assertRecap("localhost", 12, 12, 0, 0, 0, 0, 0);
        assertTrue(check.toString().contains("+hello world"), check.toString());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "check mode writes nothing");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
