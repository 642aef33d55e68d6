package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What goes to standard output and what to standard error, as ansible-playbook 2.14 splits them (each fixture of
 * {@code engine/streams} checked with it): the results, banners, recap and text a plugin displays on stdout; an error
 * that stops the run ({@code ERROR! ...}), warnings, deprecations and {@code [ERROR]: ...} on stderr.
 */
class OutputStreamsTest {
    /**
     * The playbook run with {@code env} and the process's PATH and HOME only: no setting of the build's (which turns
     * deprecation warnings off).
     */
    private static RunResult run(Map<String, String> env, String playbook) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PATH", System.getenv("PATH"));
        all.put("HOME", System.getProperty("user.home"));
        return EngineRun.cliIn(all, EngineRun.fixture("streams/" + playbook), "-i", "localhost,", "-c", "local");
    }

    /** Standard error without the engine's own line naming the run's journal. */
    private static String err(RunResult r) {
        return r.err().replaceAll("(?m)^journal: .*\n", "");
    }

    @Test
    void aPlayKeywordThatDoesNotRenderStopsTheRunWithItsErrorOnStderrBeforeThePlaysBanner() {
        stoppedAfterTheFirstPlay("play_keyword.yml", "play_keyword.yml:7:10: undefined variable 'undefined_var'", 4);
    }

    @Test
    void aVarsPromptThatDoesNotRenderStopsTheRunWithItsErrorOnStderr() {
        stoppedAfterTheFirstPlay("vars_prompt.yml", "vars_prompt.yml:10:7: undefined variable 'undefined_var'", 1);
    }

    /**
     * The playbook's run stopped after its first play's results on stdout, then nothing more there (no banner of the
     * play that did not start, no recap), with {@code ERROR! ...error} on stderr; ansible-playbook's exit code: 4 for a
     * play keyword (its parser error), 1 for a vars_prompt.
     */
    private static void stoppedAfterTheFirstPlay(String playbook, String error, int code) {
        RunResult r = run(Map.of(), playbook);
        assertEquals(code, r.exitCode(), r.toString());
        String out = r.out().replaceAll(" \\*+", "");
        assertTrue(out.endsWith("TASK [debug]\nok: [localhost] => {\n    \"msg\": \"first\"\n}\n"), r.toString());
        assertTrue(err(r).startsWith("ERROR! ") && err(r).contains(error), r.toString());
        assertFalse(r.out().contains("ERROR!") || r.out().contains("[WARNING]"), r.toString());
    }

    @Test
    void whatAFilterPluginDisplaysIsShownAsAnsibleShowsIt() {
        RunResult r = run(Map.of(), "plugin_display.yml");
        assertEquals(0, r.exitCode(), r.toString());
        // display.display() without stderr: on stdout, where the task runs (before its result)
        assertTrue(r.out().contains("TASK [debug] ***"), r.toString());
        assertTrue(r.out().contains("\nnoisy to stdout\nok: [localhost] => {\n    \"msg\": \"a\"\n}\n"), r.toString());
        // the rest on stderr, in order, worded and wrapped as ansible-playbook's display (byte for byte its stderr)
        assertEquals("""
                [DEPRECATION WARNING]: the noisy filter is old. This feature will be removed in
                 version 2.99. Deprecation warnings can be disabled by setting\s
                deprecation_warnings=False in ansible.cfg.
                [DEPRECATION WARNING]: dated noisy. This feature will be removed from my.coll\s
                in a release after 2030-01-01. Deprecation warnings can be disabled by setting\s
                deprecation_warnings=False in ansible.cfg.
                 [ERROR]: noisy error text
                noisy to stderr
                [WARNING]: noisy warning
                """, err(r));
    }

    @Test
    void deprecationWarningsOffHidesAPluginsDeprecationsOnly() {
        RunResult r = run(Map.of("ANSIBLE_DEPRECATION_WARNINGS", "False"), "plugin_display.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(" [ERROR]: noisy error text\nnoisy to stderr\n[WARNING]: noisy warning\n", err(r));
    }

    @Test
    void aPausesPromptIsOnStdoutWhateverTheStdoutCallback() {
        RunResult r = run(Map.of("ANSIBLE_STDOUT_CALLBACK", "json"), "pause.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[pause]\nSay something:\n"), r.toString());
        assertTrue(err(r).contains("[WARNING]: Not waiting for response to prompt as stdin is not interactive"), r.toString());
        assertFalse(r.out().contains("[WARNING]"), r.toString());
    }

    @Test
    void labWithoutASubcommandIsBadUsageSaidOnStderr() {
        RunResult r = EngineRun.cli("lab");
        assertEquals(5, r.exitCode(), r.toString());
        assertEquals("", r.out(), r.toString());
        assertTrue(r.err().startsWith("Usage: ") && r.err().endsWith("ERROR: a lab subcommand is required (up or reset)\n"),
                r.toString());
    }
}
