package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** blockinfile's algorithm and replace's substitution, against what Ansible's modules (Python's re) give for the same text. */
class BlockEditTest {
    private static final String BEGIN = "# BEGIN ANSIBLE MANAGED BLOCK";
    private static final String END = "# END ANSIBLE MANAGED BLOCK";

    private static BlockEdit.Outcome present(String original, String block, String after, String before) {
        return BlockEdit.edit(original, block, BEGIN, END, after, before, true);
    }

    @Test
    void theLinesBetweenTheMarkersAreReplacedInPlace() {
        String file = "a\n" + BEGIN + "\nold\n" + END + "\nb\n";
        BlockEdit.Outcome o = present(file, "new1\nnew2", null, null);
        assertEquals(new BlockEdit.Outcome("a\n" + BEGIN + "\nnew1\nnew2\n" + END + "\nb\n", true, "Block inserted"), o);
        assertEquals(new BlockEdit.Outcome(o.text(), false, ""), present(o.text(), "new1\nnew2\n", null, null));
        assertEquals(new BlockEdit.Outcome("a\nb\n", true, "Block removed"), BlockEdit.edit(file, "x", BEGIN, END, null, null, false));
        assertEquals(new BlockEdit.Outcome("a\nb\n", true, "Block removed"), present(file, "", null, null), "an empty block removes it");
    }

    @Test
    void aNewBlockGoesAfterOrBeforeTheLastLineARegexMatches() {
        String file = "x=1\ny=2\nx=3\nz\n";
        assertEquals("x=1\ny=2\nx=3\n" + BEGIN + "\nb\n" + END + "\nz\n", present(file, "b", "^x=", null).text());
        assertEquals("x=1\ny=2\n" + BEGIN + "\nb\n" + END + "\nx=3\nz\n", present(file, "b", null, "^x=").text());
        assertEquals(BEGIN + "\nb\n" + END + "\n" + file, present(file, "b", null, "BOF").text());
        assertEquals(file + BEGIN + "\nb\n" + END + "\n", present(file, "b", "nothing", null).text(), "no match: the end");
        assertEquals("x=1\ny=2\n" + BEGIN + "\nb\n" + END + "\nx=3\nz\n", present(file, "b", "(?m)^x=1\\ny=", null).text(),
                "(?m): the regex searches the whole text, the block goes after the line its match ends on");
    }

    @Test
    void lineEndingsAreKeptAndALastLineWithoutOneGetsIt() {
        assertEquals("a\r\nb" + "\n" + BEGIN + "\nc\r\n" + END + "\n", present("a\r\nb", "c\r\n", null, null).text());
        assertEquals(new BlockEdit.Outcome(BEGIN + "\nc\n" + END + "\n", true, "File created"), present(null, "c", null, null));
    }

    @Test
    void replaceSubstitutesAsPythonsReSubnWithMultiline() {
        Pattern start = PythonRegex.compile("^", "regexp", Pattern.MULTILINE);
        assertEquals(new PythonRegex.Substitution(">a\n>b\n>", 3), PythonRegex.substitute(start, ">", "a\nb\n"),
                "Python's ^ matches after a final newline too");
        Pattern end = PythonRegex.compile("x$", "regexp", Pattern.MULTILINE);
        assertEquals(new PythonRegex.Substitution("ax\r\nby\n", 1), PythonRegex.substitute(end, "y", "ax\r\nbx\n"),
                "only \\n ends a line");
        Pattern named = PythonRegex.compile("(?P<the_key>\\w+)=(\\d)", "regexp", Pattern.MULTILINE);
        assertEquals(new PythonRegex.Substitution("k_1:2 k_1=2\n", 1), PythonRegex.substitute(named, "\\g<the_key>:\\2 \\g<0>", "k_1=2\n"));
    }
}
