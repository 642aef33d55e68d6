package io.runbook.modules.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void wordsSplitOnWhitespaceLikeAShell() {
        assertEquals(List.of("kubectl", "get", "pods", "-n", "tsb"), ShellWords.split("  kubectl get\tpods  -n tsb "));
    }

    @Test
    void quotesKeepSpacesAndJoinWithAdjacentText() {
        assertEquals(List.of("a b", "c'd", "--name=x y", ""), ShellWords.split("'a b' \"c'd\" --name='x y' ''"));
    }

    @Test
    void backslashEscapesOutsideSingleQuotesOnly() {
        assertEquals(List.of("a b", "\\n", "say \"hi\""), ShellWords.split("a\\ b '\\n' \"say \\\"hi\\\"\""));
    }

    @Test
    void shellCharactersAreJustText() {
        assertEquals(List.of("echo", "$HOME", "|", "*"), ShellWords.split("echo $HOME | *"));
    }

    @Test
    void unclosedDoubleQuoteIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"oops"));
        assertEquals("unclosed double quote at character 6 of: echo \"oops", e.getMessage());
    }
}
