package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * errors='warn' on the engine's own lookups ({@code lookups/errors_warn.yml}): the warning ansible-playbook 2.14 prints
 * (the exception Ansible's plugin raises, or the failure it handled), word for word and wrapped as it wraps them, and
 * no value; errors='ignore' says nothing.
 */
class LookupErrorsWarnTest {
    @Test
    void aFailureLetPassWarnsAsAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("lookups/errors_warn.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        String all = r.out() + r.err();
        assertTrue(all.contains("""
                [WARNING]: An unhandled exception occurred while running the lookup plugin
                'file'. Error was a <class 'ansible.errors.AnsibleError'>, original message:
                could not locate file in lookup: missing.txt
                """), all);
        assertTrue(all.contains("""
                [WARNING]: Lookup failed but the error is being ignored: No file was found when
                using first_found.
                """), all);
        assertTrue(all.contains("""
                [WARNING]: An unhandled exception occurred while running the lookup plugin
                'ini'. Error was a <class 'ansible.errors.AnsibleParserError'>, original
                message: Invalid filename: 'None'
                """), all);
        assertEquals(3, all.split("\\[WARNING\\]: ", -1).length - 1, all);
        assertFalse(all.contains("\"msg\": \"[could"), all);
        assertTrue(r.recapLine("localhost").contains("ok=4 "), r.out());
    }
}
