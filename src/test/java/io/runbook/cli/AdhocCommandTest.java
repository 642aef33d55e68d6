package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adhoc}, Ansible's {@code ansible} command, run as users run it on {@code adhoc/hosts.yml} (two hosts on the
 * local connection). Each expected output is what Debian's ansible 2.14 printed for the same command line and
 * inventory (with {@code -f 1} where two hosts answer, so that they answer in order), except where a comment says why
 * the engine says something else.
 */
class AdhocCommandTest {
    private static final String HOSTS = EngineRun.fixture("adhoc/hosts.yml");
    private static final String VAULT_PASS = EngineRun.fixture("adhoc/vault-pass.txt");

    @TempDir
    Path dir;

    @Test
    void commandPrintsItsOutputUnderTheHostsLine() {
        RunResult r = adhoc("h1", "-a", "echo hi");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("h1 | CHANGED | rc=0 >>\nhi\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void commandWithoutOutputLeavesAnEmptyLine() {
        RunResult r = adhoc("h1", "-a", "true");
        assertEquals("h1 | CHANGED | rc=0 >>\n\n", r.out(), r.toString());
    }

    @Test
    void jsonArgumentsAreTheModulesOptionsAsInUpstreamsAdhocTarget() {
        // test/integration/targets/adhoc/runme.sh: ansible -m command -a '{"cmd": "whoami"}' ... | grep 'rc=0'
        RunResult r = adhoc("localhost", "-m", "command", "-a", "{\"cmd\": \"whoami\"}");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(List.of("localhost | CHANGED | rc=0 >>", System.getProperty("user.name")), r.lines());
    }

    @Test
    void taskTimeoutStopsTheCommandWithAnsiblesMessage() {
        // upstream's: ansible -a 'sleep 20' --task-timeout 5 localhost | grep 'The command action failed to execute in the
        // expected time frame (5) and was terminated'; one second here, the same words
        RunResult r = adhoc("localhost", "-a", "sleep 20", "--task-timeout", "1");
        assertEquals(ExitCode.HOST_FAILED, r.exitCode(), r.toString());
        assertEquals("localhost | FAILED | rc=-1 >>\n"
                + "The command action failed to execute in the expected time frame (1) and was terminated\n", r.out());
    }

    @Test
    void failedShellShowsItsErrorOutputAndMessageAndExitsTwo() {
        RunResult r = adhoc("web", "-f", "1", "-m", "shell", "-a", "echo err >&2; exit 1");
        assertEquals(ExitCode.HOST_FAILED, r.exitCode(), r.toString());
        assertEquals("h1 | FAILED | rc=1 >>\nerrnon-zero return code\nh2 | FAILED | rc=1 >>\nerrnon-zero return code\n", r.out());
    }

    @Test
    void otherModulesPrintTheirResultAsIndentedJson() {
        RunResult r = adhoc("web", "-f", "1", "-m", "ping");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("h1 | SUCCESS => {\n    \"changed\": false,\n    \"ping\": \"pong\"\n}\n"
                + "h2 | SUCCESS => {\n    \"changed\": false,\n    \"ping\": \"pong\"\n}\n", r.out());
        assertEquals("h1 | SUCCESS => {\n    \"ansible_facts\": {\n        \"a\": \"b\"\n    },\n    \"changed\": false\n}\n",
                adhoc("h1", "-m", "set_fact", "-a", "a=b").out());
        // a debug shows its message alone, templated as a task's
        assertEquals("h1 | SUCCESS => {\n    \"msg\": \"h1\"\n}\n", adhoc("h1", "-m", "debug", "-a", "msg={{ inventory_hostname }}").out());
        RunResult failed = adhoc("h1", "-m", "fail", "-a", "msg=boom");
        assertEquals(ExitCode.HOST_FAILED, failed.exitCode(), failed.toString());
        assertEquals("h1 | FAILED! => {\n    \"changed\": false,\n    \"msg\": \"boom\"\n}\n", failed.out());
    }

    @Test
    void oneLineCondensesEachResult() {
        assertEquals("h1 | CHANGED | rc=0 | (stdout) hi\nh2 | CHANGED | rc=0 | (stdout) hi\n",
                adhoc("web", "-f", "1", "-o", "-a", "echo hi").out());
        assertEquals("h1 | CHANGED | rc=0 | (stdout) out (stderr) err\n",
                adhoc("h1", "-o", "-m", "shell", "-a", "echo out; echo err >&2").out());
        assertEquals("h1 | SUCCESS => {\"changed\": false,\"ping\": \"pong\"}\n", adhoc("h1", "--one-line", "-m", "ping").out());
        assertEquals("h1 | FAILED! => {\"changed\": false,\"msg\": \"boom\"}\n", adhoc("h1", "-o", "-m", "fail", "-a", "msg=boom").out());
        // the oneline callback does not clean a debug's result, whose indent survives its line breaks
        assertEquals("h1 | SUCCESS => {    \"changed\": false,    \"msg\": \"x\"}\n", adhoc("h1", "-o", "-m", "debug", "-a", "msg=x").out());
    }

    @Test
    void checkModeSkipsACommand() {
        RunResult r = adhoc("h1", "-C", "-a", "echo hi");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("h1 | SKIPPED\n", r.out());
    }

    @Test
    void diffShowsTheChangeBeforeTheResult() {
        Path dest = dir.resolve("f.txt");
        RunResult r = adhoc("h1", "-C", "-D", "-m", "copy", "-a", "content=x dest=" + dest);
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        // ansible's "+++ after:" names its temporary file; the engine's copy says where the content came from
        assertEquals(List.of("--- before", "+++ after: dynamically generated", "@@ -0,0 +1 @@", "+x", "\\ No newline at end of file", "",
                "h1 | CHANGED => {", "    \"changed\": true", "}"), r.lines());
        assertFalse(Files.exists(dest));
    }

    @Test
    void unreachableHostExitsFour() throws Exception {
        try (ClosedPort closed = new ClosedPort()) {
            RunResult r = EngineRun.cli("adhoc", "-i", "127.0.0.1,", "all", "-m", "ping", "-c", "ssh", "-e",
                    "ansible_port=" + closed.port());
            assertEquals(ExitCode.UNREACHABLE, r.exitCode(), r.toString());
            assertEquals("127.0.0.1 | UNREACHABLE! => {", r.lines().get(0), r.toString());
            assertTrue(r.out().contains("    \"unreachable\": true\n}"), r.toString());
        }
    }

    @Test
    void listHostsListsThemWithoutRunning() {
        RunResult r = adhoc("web", "--list-hosts", "-m", "command");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("  hosts (2):\n    h1\n    h2\n", r.out());
        assertEquals("  hosts (1):\n    h2\n", adhoc("web", "--list-hosts", "-l", "h2").out());
    }

    @Test
    void aPatternThatMatchesNothingRunsNothingAndSaysSo() {
        RunResult r = adhoc("nomatch", "-a", "echo hi");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("[WARNING]: Could not match supplied host pattern, ignoring: nomatch\n"
                + "[WARNING]: No hosts matched, nothing to do\n", r.err());
        // a --limit that leaves nothing is a mistake (ansible: ERROR! ... exit 1): bad usage, as run says it
        RunResult limited = adhoc("web", "-l", "nomatch", "-a", "echo hi");
        assertEquals(ExitCode.USAGE, limited.exitCode(), limited.toString());
        assertTrue(limited.err().startsWith("ERROR: --limit: 'nomatch' matches no host"), limited.toString());
        // listing the hosts too (ansible: the same ERROR!, exit 1), where a pattern that matches nothing lists none
        RunResult listed = adhoc("web", "--list-hosts", "-l", "nomatch");
        assertEquals(ExitCode.USAGE, listed.exitCode(), listed.toString());
        assertEquals("", listed.out());
        assertTrue(listed.err().startsWith("ERROR: --limit: 'nomatch' matches no host"), listed.toString());
        RunResult none = adhoc("nomatch", "--list-hosts");
        assertEquals("  hosts (0):\n", none.out());
        // ansible --list-hosts warns as a run does: the name, then that nothing matched
        assertTrue(none.err().contains("Could not match supplied host pattern, ignoring: nomatch"), none.toString());
        assertTrue(none.err().contains("[WARNING]: No hosts matched, nothing to do"), none.toString());
    }

    @Test
    void aMistypedModuleIsRefusedBeforeAnythingRunsWithASuggestion() {
        // ansible runs it and fails on every host ("The module pnig was not found in configured module paths", exit 2)
        RunResult r = adhoc("web", "-m", "pnig");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertEquals("", r.out());
        assertEquals("ERROR: -m: unknown module 'pnig' (did you mean 'ping'?)\n", r.err());
        RunResult args = adhoc("web", "-m", "ping", "-a", "foo=bar");
        assertEquals(ExitCode.USAGE, args.exitCode(), args.toString());
        assertTrue(args.err().startsWith("ERROR: -a: unknown argument 'foo' for module 'ping'"), args.toString());
        assertFalse(args.err().contains("\tat "), args.toString());
    }

    @Test
    void noPatternIsBadUsage() {
        RunResult r = EngineRun.cli("adhoc", "-i", HOSTS, "-m", "ping");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("ERROR: Missing required parameter: 'PATTERN'"), r.toString());
    }

    @Test
    void commandWithoutArgumentsAndImportPlaybookAreBadUsageAsInAnsible() {
        RunResult r = adhoc("web");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("ERROR: -a: No argument passed to command module"), r.toString());
        RunResult playbook = adhoc("site.yml", "-m", "shell");
        assertTrue(playbook.err().contains("did you mean to run the playbook? engine.jar site.yml runs it"), playbook.toString());
        RunResult imported = adhoc("web", "-m", "import_playbook", "-a", "site.yml");
        assertEquals(ExitCode.USAGE, imported.exitCode(), imported.toString());
        assertEquals("ERROR: -m: 'import_playbook' is not a valid action for ad-hoc commands\n", imported.err());
    }

    @Test
    void vaultedValuesNeverShow() {
        // ansible prints the decrypted password here
        RunResult r = adhoc("h1", "-a", "echo {{ db_password }}", "--vault-password-file", VAULT_PASS);
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("h1 | CHANGED | rc=0 >>\n********\n", r.out());
        RunResult tree = adhoc("h1", "-m", "debug", "-a", "var=db_password", "--vault-password-file", VAULT_PASS,
                "-t", dir.resolve("tree").toString());
        assertFalse(tree.out().contains("s3cr3t"), tree.toString());
        assertFalse(r.events().toString().contains("s3cr3t"), r.toString());
    }

    @Test
    void treeWritesEachHostsResult() throws Exception {
        Path tree = dir.resolve("tree");
        RunResult r = adhoc("web", "-m", "ping", "-t", tree.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("{\"changed\": false, \"ping\": \"pong\"}", Files.readString(tree.resolve("h1")));
        assertEquals("{\"changed\": false, \"ping\": \"pong\"}", Files.readString(tree.resolve("h2")));
    }

    @Test
    void backgroundWithPollWaitsForTheJobsResult() {
        RunResult r = adhoc("h1", "-B", "30", "-P", "1", "-a", "echo bg");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        // an async job's result is JSON, even a command's, as ansible shows it
        assertEquals("h1 | CHANGED => {", r.lines().get(0), r.toString());
        assertTrue(r.out().contains("    \"finished\": 1,\n") && r.out().contains("    \"stdout\": \"bg\",\n"), r.toString());
    }

    @Test
    void pollZeroPrintsTheStartedJobAndExitsAsAnsible() {
        RunResult r = adhoc("h1", "-B", "30", "-P", "0", "-a", "echo bg");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        // ansible's lines, but for its results_file (the engine's job has none); the engine waits for the job (stderr)
        assertEquals(List.of("h1 | CHANGED => {", "    \"ansible_job_id\": \"JID\",", "    \"changed\": true,",
                "    \"finished\": 0,", "    \"started\": 1", "}"), jobIdsHidden(r.lines()));
        assertEquals("[WARNING]: waiting for 1 async job (poll: 0) to finish\n", r.err());
        RunResult oneLine = adhoc("h1", "-m", "ping", "-B", "30", "-P", "0", "-o");
        assertEquals(List.of("h1 | CHANGED => {\"ansible_job_id\": \"JID\",\"changed\": true,\"finished\": 0,\"started\": 1}"),
                jobIdsHidden(oneLine.lines()), oneLine.toString());
    }

    @Test
    void pollDefaultsToTheConfiguredPollInterval() throws Exception {
        // adhoc/poll/ansible.cfg: poll_interval = 0, so -B without -P starts the job and goes, as ansible does there
        Path folder = Path.of(EngineRun.fixture("adhoc/poll")).toAbsolutePath();
        String started = polled(folder, java.util.Map.of());
        assertTrue(started.contains("    \"finished\": 0,\n") && started.contains("(poll: 0) to finish"), started);
        // ANSIBLE_POLL_INTERVAL before ansible.cfg, -P before both
        String waited = polled(folder, java.util.Map.of("ANSIBLE_POLL_INTERVAL", "1"));
        assertTrue(waited.contains("    \"finished\": 1,\n") && waited.contains("    \"stdout\": \"bg\",\n"), waited);
        String given = polled(folder, java.util.Map.of(), "-P", "1");
        assertTrue(given.contains("    \"finished\": 1,\n"), given);
    }

    private static String polled(Path folder, java.util.Map<String, String> env, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("adhoc", "-i", Path.of(HOSTS).toAbsolutePath().toString(), "h1", "-B", "30",
                "-a", "echo bg"));
        args.addAll(List.of(options));
        try (EngineProcess engine = EngineProcess.start(folder, env, args.toArray(String[]::new))) {
            assertEquals(0, engine.exitCode(java.time.Duration.ofMinutes(5)), engine.output());
            return engine.output();
        }
    }

    @Test
    void aFailedOrTooLongAsyncCommandShowsItsOutputAsAnsible() {
        // ansible's minimal callback shows a failed command's output, an async job's too
        RunResult failed = adhoc("h1", "-B", "30", "-P", "1", "-m", "shell", "-a", "echo err >&2; exit 3");
        assertEquals(ExitCode.HOST_FAILED, failed.exitCode(), failed.toString());
        assertEquals("h1 | FAILED | rc=3 >>\nerrnon-zero return code\n", failed.out());
        // past -B: the polling's failure, which has no job id of its own (async_result holds the last answer)
        RunResult tooLong = adhoc("h1", "-B", "1", "-P", "1", "-a", "sleep 600");
        assertEquals(ExitCode.HOST_FAILED, tooLong.exitCode(), tooLong.toString());
        assertEquals("h1 | FAILED | rc=-1 >>\nasync task did not complete within the requested time - 1s\n", tooLong.out());
        // a polled ping's result is async_status's answer, with its empty output keys
        RunResult ping = adhoc("h1", "-m", "ping", "-B", "30", "-P", "1", "-o");
        assertEquals(List.of("h1 | SUCCESS => {\"ansible_job_id\": \"JID\",\"changed\": false,\"finished\": 1,\"ping\": \"pong\","
                + "\"started\": 1,\"stderr\": \"\",\"stderr_lines\": [],\"stdout\": \"\",\"stdout_lines\": []}"), jobIdsHidden(ping.lines()));
    }

    @Test
    void asyncRefusedShowsAnsiblesExceptionLine() {
        // ansible's AnsibleActionFail carries the traceback of no exception, which both callbacks print
        String exception = "An exception occurred during task execution. To see the full traceback, use -vvv. The error was: NoneType: None";
        RunResult refused = adhoc("h1", "-m", "set_fact", "-a", "a=b", "-B", "5");
        assertEquals(ExitCode.HOST_FAILED, refused.exitCode(), refused.toString());
        assertEquals(exception + "\nh1 | FAILED! => {\n    \"changed\": false,\n    \"msg\": \"async is not supported for this task.\"\n}\n",
                refused.out());
        assertEquals(exception + "\nh1 | FAILED! => {\"changed\": false,\"msg\": \"async is not supported for this task.\"}\n",
                adhoc("h1", "-m", "debug", "-a", "msg=x", "-B", "10", "-o").out());
        // a command's: the oneline callback's command line instead of the exception's, then the result
        assertEquals("h1 | FAILED | rc=-1 | (stdout) \nh1 | FAILED! => {\"changed\": false,\"msg\": \"check mode and async cannot be used on"
                + " same task.\"}\n", adhoc("h1", "-C", "-B", "10", "-a", "echo x", "-o").out());
        // a debug or assert that ran is shown verbosely: the oneline callback keeps its indent
        assertEquals("h1 | SUCCESS => {    \"changed\": false,    \"msg\": \"All assertions passed\"}\n",
                adhoc("h1", "-m", "assert", "-a", "that=true", "-o").out());
    }

    private static List<String> jobIdsHidden(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("j[0-9]+\\.[0-9]+", "JID")).toList();
    }

    @Test
    void k8sInfoOnALabClusterAsOnDrDay() {
        RunResult r = EngineRun.cli("adhoc", "-i", "test/resources/check/inventory/hosts.yml", "c1", "-m", "k8s_info",
                "-a", "kind=Secret namespace=istio-system");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("c1 | SUCCESS => {\n    \"api_found\": true,\n    \"changed\": false,\n    \"resources\": []\n}\n", r.out());
    }

    /** As ansible 2.14's --list-hosts on the same inventory: the pattern's order, not the inventory's. */
    @Test
    void listHostsInThePatternsOrder() {
        String order = EngineRun.fixture("patterns/order.ini");
        assertEquals("  hosts (2):\n    db1\n    web1\n", EngineRun.cli("adhoc", "-i", order, "db1:web1", "--list-hosts").out());
        assertEquals("  hosts (2):\n    web2\n    web1\n", EngineRun.cli("adhoc", "-i", order, "web2:web1", "--list-hosts").out());
        assertEquals("  hosts (2):\n    db2\n    web1\n",
                EngineRun.cli("adhoc", "-i", order, "db:web", "--list-hosts", "-l", "web1:db2").out());
    }

    private static RunResult adhoc(String pattern, String... options) {
        List<String> args = new ArrayList<>(List.of("adhoc", "-i", HOSTS, pattern));
        args.addAll(List.of(options));
        return EngineRun.cli(args.toArray(String[]::new));
    }
}
