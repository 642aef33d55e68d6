package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * include_vars as ansible-playbook: a role's {@code dir: vars/x} is its own vars/x, a file of another extension fails
 * the task with Ansible's 'message' (unless ignore_unknown_extensions), {@code hash_behaviour: merge} merges into the
 * variable's value of now, an empty file name fails as Ansible's does (ansible-playbook ends this play the same).
 */
class IncludeVarsTest {
    @Test
    void includeVarsEndsAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("includevars/site.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 9, 0, 0, 0, 0, 0, 2);
    }
}
