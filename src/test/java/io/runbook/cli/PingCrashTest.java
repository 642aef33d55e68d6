package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ping's {@code data: crash} fails as Ansible's module does (upstream's module_tracebacks target): MODULE FAILURE with
 * the traceback as {@code exception} and in {@code module_stderr}, shown as Ansible's exception line.
 */
class PingCrashTest {
    @Test
    void aCrashCarriesTheExceptionAsAnsiblesModuleFailure() {
        RunResult r = EngineRun.cli(EngineRun.fixture("ping/crash.yml"), "-i", EngineRun.fixture("ping/hosts.ini"));
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("local", 2, 0, 0, 0, 0, 0, 1);
        assertTrue(r.out().contains("The error was: Exception: boom"), r.out());
    }
}
