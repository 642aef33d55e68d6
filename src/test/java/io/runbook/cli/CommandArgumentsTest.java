package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * command's {@code executable} (a warning, as Ansible's 2.4 and later), shell's {@code executable}, and the
 * {@code ansible_python} facts: there for a host whose interpreter exists, undefined for one whose does not.
 * The rest of command and shell is compared with ansible-playbook in {@code parity/commands.yml}.
 */
class CommandArgumentsTest {
    @Test
    void executableAndInterpreterFactsAsInAnsible() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && Files.isExecutable(Path.of("/bin/bash")),
                "needs /usr/bin/python3 and /bin/bash (the test setup installs ansible-core, which brings Python)");
        RunResult r = EngineRun.cli(EngineRun.fixture("commands/arguments.yml"), "-i", EngineRun.fixture("commands/inventory.ini"));
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("with-python", 5, 2, 0, 0, 0, 0, 0);
        r.assertRecap("without-python", 4, 2, 0, 0, 1, 0, 0);
        // as ansible-playbook prints it: on stderr, wrapped at 79 columns, once although both hosts warned
        String warning = "[WARNING]: As of Ansible 2.4, the parameter 'executable' is no longer supported\n"
                + "with the 'command' module. Not using '/bogus'.\n";
        assertEquals(1, r.err().split(java.util.regex.Pattern.quote(warning), -1).length - 1, r.toString());
        assertFalse(r.out().contains("[WARNING]"), r.toString());
    }
}
