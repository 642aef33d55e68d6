package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Null is a value like any other: set_fact of a null, {@code -e '{"a": null}'} and {@code -e @file} holding {@code a:}. */
class NullValuesTest {
    @Test
    void setFactOfANullAndANullExtraVarAreNoneAsInAnsible() {
        RunResult r = EngineRun.playbook("input/nulls.yml", "-e", "{\"a\": null}");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("True True d", r.msg("read the null fact", "web1"));
        assertEquals("True True", r.msg("read the extra var", "web1"));
        assertFalse(r.err().contains("Exception") || r.out().contains("Exception"), r.toString());
    }

    @Test
    void aFileOfExtraVarsHoldingANullWorksToo() {
        RunResult r = EngineRun.playbook("input/nulls.yml", "-e", "@" + EngineRun.fixture("input/null_extra_vars.yml"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("True True", r.msg("read the extra var", "web1"));
    }
}
