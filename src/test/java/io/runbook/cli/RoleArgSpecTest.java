package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A role's meta/argument_specs.yml is checked at the role's start, as ansible-playbook checks it (Debian's
 * ansible-playbook 2.14 ends argspec/site.yml with the same recap and exit code, and passes its asserts on the messages).
 */
class RoleArgSpecTest {
    private static final String MAIN = "Validating arguments against arg spec 'main' - Deploy the management plane to a cluster";

    @Test
    void argumentsAreCheckedWithAnsiblesMessagesBeforeTheRolesTasks() {
        RunResult r = EngineRun.cli(EngineRun.fixture("argspec/site.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("TASK [deploy : " + MAIN + "]"), r.out());
        assertTrue(r.out().contains("TASK [deploy : Validating arguments against arg spec 'rotate' - Rotate the tokens]"), r.out());
        // play 1: validation + deploy, validation + rotate; play 2: two validations failed and rescued (2 asserts),
        // the unvalidated role's task; play 3: the validation fails on the unknown parameter
        r.assertRecap("localhost", 7, 0, 0, 1, 0, 2, 0);
        assertTrue(r.out().contains("clustr. Supported parameters include: cluster, mode, replicas, tls, zones."), r.out());
        assertTrue(r.out().contains("\"msg\": \"west x" + "many\""), "rolespec_validate: false ran the role: " + r.out());
    }

    @Test
    void theValidationRunsWhateverTagsAreAsked() {
        RunResult r = EngineRun.cli(EngineRun.fixture("argspec/site.yml"), "-i", "localhost,", "-c", "local",
                "--tags", "nothing");
        assertTrue(r.out().contains("TASK [deploy : " + MAIN + "]"), "tagged always, as in Ansible: " + r.out());
        assertTrue(!r.out().contains("TASK [deploy : deploy]"), r.out());
    }
}
