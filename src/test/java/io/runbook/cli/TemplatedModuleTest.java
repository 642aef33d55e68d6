package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A task whose module is named by a template ({@code action: {module: "{{ module_to_run }}"}}) is resolved on each host
 * when it runs, as Ansible does: debug on one host, ping on another, and a module that does not exist fails only the
 * host whose variables name it, with Ansible's words; a literally named module is still checked before anything runs.
 */
class TemplatedModuleTest {
    private static final String HOSTS = EngineRun.fixture("templated-module/hosts.ini");

    @Test
    void eachHostRunsTheModuleItsVariablesNameAndAWrongOneFailsThatHostOnly() {
        RunResult r = EngineRun.cli(EngineRun.fixture("templated-module/site.yml"), "-i", HOSTS);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Hello world!", r.msg("run the host's module", "node-a"), r.toString());
        assertEquals("pong", r.registered("run the host's module", "node-b").get("ping"), r.toString());
        assertEquals("ok", r.status("ping gave a pong", "node-b"), r.toString());
        assertEquals("debugged on node-b", r.msg("free-form action with a templated module", "node-b"), r.toString());
        assertEquals("ok", r.status("the fact is the host's", "node-c"), r.toString());
        // the never-tagged task's module is undefined everywhere: it never runs, so the playbook was not refused
        assertTrue(!r.tasksRunOn("node-a").contains("never runs, so its undefined module is no mistake"), r.toString());
        // as ansible-playbook 2.14 ends the same playbook
        r.assertRecap("node-a", 5, 0, 0, 0, 4, 0, 0);
        r.assertRecap("node-b", 7, 0, 0, 0, 2, 0, 1);
        r.assertRecap("node-c", 6, 0, 0, 0, 3, 0, 2);
        // a module or arguments found wrong when the task runs fail that host's task only
        assertEquals("failed", r.status("run the host's module", "node-c"), r.toString());
        // the registered messages are Ansible's words (the playbook asserts them); the line shows the task's place too
        assertEquals("ok", r.status("a module that does not exist fails with Ansible's words", "node-c"), r.toString());
        assertEquals("failed", r.status("arguments the host's module does not take", "node-b"), r.toString());
        assertEquals("ok", r.status("ping refuses msg with Ansible's words", "node-b"), r.toString());
        assertTrue(r.out().contains("site.yml:6:7: The module no_such_module was not found in configured module paths"),
                r.toString());
        assertEquals("skipped", r.status("arguments the host's module does not take", "node-a"), r.toString());
    }

    @Test
    void aLiterallyNamedUnknownModuleIsStillRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.cli(EngineRun.fixture("templated-module/literal.yml"), "-i", HOSTS);
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("unknown module 'no_such_literal_module'"), r.toString());
        assertTrue(r.events("host_result").isEmpty(), r.toString());
    }

    @Test
    void theSyntaxCheckAndTheTaskListShowTheTemplateAsWritten() {
        RunResult check = EngineRun.cli(EngineRun.fixture("templated-module/site.yml"), "-i", HOSTS, "--syntax-check");
        assertEquals(0, check.exitCode(), check.toString());
        RunResult list = EngineRun.cli(EngineRun.fixture("templated-module/site.yml"), "-i", HOSTS, "--list-tasks",
                "--tags", "all,never");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("never runs, so its undefined module is no mistake"), list.toString());
    }
}
