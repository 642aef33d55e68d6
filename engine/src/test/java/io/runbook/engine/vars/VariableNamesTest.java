package io.runbook.engine.vars;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VariableNamesTest {
    @Test
    void acceptsAsciiIdentifiersThatAreNoPythonKeyword() {
        for (String ok : new String[] {"x", "_x", "out_1", "True_", "For"}) {
            assertTrue(VariableNames.isValid(ok), ok);
        }
        for (String bad : new String[] {"", "1x", "bad-name", "a.b", "for", "None", "lambda", "é"}) {
            assertFalse(VariableNames.isValid(bad), bad);
        }
    }
}
