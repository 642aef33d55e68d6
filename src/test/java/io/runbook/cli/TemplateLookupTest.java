package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates as ansible-playbook renders them (it ends this play the same): lookup('template') finds the role's
 * templates/ and includes beside the template, takes other delimiters and convert_data; the template module's
 * template_* variables and ansible_managed; role_names, ansible_dependent_role_names, ansible_role_names.
 */
class TemplateLookupTest {
    @TempDir
    Path dest;

    @Test
    void rolesTemplatesAndTemplateVariablesAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("templating/site.yml"), "-i", "localhost,", "-c", "local",
                "-e", "dest_dir=" + dest);
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 5, 1, 0, 0, 0, 0, 0);
    }
}
