package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * errors='warn' on the engine's own lookups ({@code lookups/errors_warn.yml}): the warning ansible-playbook 2.14 prints
 * (the exception Ansible's plugin raises, or the failure it handled), word for word and wrapped as it wraps them, and
 * no value; errors='ignore' says nothing of the failure. Before it, a lookup that finds no file along the search path
 * warns as Ansible's find_file_in_search_path does, errors='ignore' or not (first_found does not: it looks for
 * candidates).
 */
class LookupErrorsWarnTest {
    @Test
    void aFailureLetPassWarnsAsAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("lookups/errors_warn.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        String all = r.out() + r.err();
        assertTrue(all.contains("""
                [WARNING]: Unable to find 'missing.txt' in expected paths (use -vvvvv to see
                paths)
                [WARNING]: An unhandled exception occurred while running the lookup plugin
                'file'. Error was a <class 'ansible.errors.AnsibleError'>, original message:
                could not locate file in lookup: missing.txt
                """), all);
        assertTrue(all.contains("""
                [WARNING]: Lookup failed but the error is being ignored: No file was found when
                using first_found.
                """), all);
        assertTrue(all.contains("""
                [WARNING]: Unable to find 'missing.ini' in expected paths (use -vvvvv to see
                paths)
                [WARNING]: An unhandled exception occurred while running the lookup plugin
                'ini'. Error was a <class 'ansible.errors.AnsibleParserError'>, original
                message: Invalid filename: 'None'
                """), all);
        // the file lookup with errors='ignore' too: Unable to find 'missing.txt', as ansible-playbook prints it
        assertEquals(6, all.split("\\[WARNING\\]: ", -1).length - 1, all);
        assertEquals(3, all.split("\\[WARNING\\]: Unable to find ", -1).length - 1, all);
        assertFalse(all.contains("\"msg\": \"[could"), all);
        assertTrue(r.recapLine("localhost").contains("ok=4 "), r.out());
    }
}
