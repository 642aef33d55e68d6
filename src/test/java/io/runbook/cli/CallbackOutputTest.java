package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The output options of ansible.cfg: {@code engine/callbacks/results.yml} run as a user runs it, its stdout compared
 * with what ansible-playbook 2.14 printed for the same playbook and settings (the folder's README), the command's times
 * and the config file's path masked on both sides.
 */
class CallbackOutputTest {
    private static final String DIR = "callbacks/";

    /** The playbook run in the folder's ansible.cfg and {@code env}, with the process's PATH and HOME only. */
    static RunResult run(Map<String, String> env, String... more) {
        return run(DIR, "results.yml", env, more);
    }

    /** {@code playbook} of the fixtures' folder {@code dir} run on localhost in the folder's ansible.cfg and {@code env}. */
    static RunResult run(String dir, String playbook, Map<String, String> env, String... more) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", System.getenv("PATH"));
        all.put("HOME", System.getProperty("user.home"));
        all.put("ANSIBLE_CONFIG", EngineRun.fixture(dir + "ansible.cfg"));
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {EngineRun.fixture(dir + playbook), "-i", "localhost,", "-c", "local"}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return EngineRun.cliIn(all, args);
    }

    /** Stdout as recorded: times and the config file's path masked, without the engine's line about runbook.yml. */
    private static String masked(String out) {
        return out.replaceAll("(?m)^(    (delta|start|end): ).*", "$1<masked>")
                .replaceAll("(?m)^Using .* as config file$", "Using <cfg> as config file")
                .replaceAll("(?m)^Using .* as project config\n", "");
    }

    private static void sameAsAnsible(String recorded, RunResult r) throws IOException {
        assertEquals(0, r.exitCode(), r.toString());
        String expected = Files.readString(EngineRun.FIXTURES.resolve(DIR + recorded));
        assertEquals(expected, masked(r.out()), r.toString());
        // nothing but the engine's line naming the run's journal, as ansible-playbook's empty stderr
        assertEquals("", r.err().replaceAll("(?m)^journal: .*\n", ""), r.toString());
    }

    @Test
    void yamlResultsAreWrittenAsAnsiblesDefaultCallbackWritesThem() throws IOException {
        sameAsAnsible("yaml.stdout", run(Map.of()));
    }

    @Test
    void yamlResultsAtVerbosityOneShowEveryResultMadeReadable() throws IOException {
        sameAsAnsible("yaml-v.stdout", run(Map.of(), "-v"));
    }

    @Test
    void yamlResultsWithoutPrettyFormatAreExact() throws IOException {
        sameAsAnsible("yaml-exact-v.stdout", run(Map.of("ANSIBLE_CALLBACK_FORMAT_PRETTY", "0"), "-v"));
    }

    @Test
    void theEnvironmentWinsOverAnsibleCfgAndPrettyJsonIsIndented() throws IOException {
        sameAsAnsible("json-pretty.stdout", run(Map.of("ANSIBLE_CALLBACK_RESULT_FORMAT", "json",
                "ANSIBLE_CALLBACK_FORMAT_PRETTY", "1")));
    }

    @Test
    void theMinimalCallbackShowsEachResultWithoutBannersInTheConfiguredFormat() throws IOException {
        sameAsAnsible("minimal.stdout", run(Map.of("ANSIBLE_STDOUT_CALLBACK", "minimal")));
        sameAsAnsible("minimal-json.stdout", run(Map.of("ANSIBLE_STDOUT_CALLBACK", "ansible.builtin.minimal",
                "ANSIBLE_CALLBACK_RESULT_FORMAT", "json")));
    }

    @Test
    void theOnelineCallbackShowsEachResultOnOneLine() throws IOException {
        sameAsAnsible("oneline.stdout", run(Map.of("ANSIBLE_STDOUT_CALLBACK", "oneline"), "--skip-tags", "loop"));
    }

    /** As ansible-playbook: refused when the run starts, nothing run; the engine's exit code for bad settings. */
    @Test
    void aStdoutCallbackNoPluginHasIsRefused() {
        RunResult r = run(Map.of("ANSIBLE_STDOUT_CALLBACK", "minimall"));
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("", r.out(), r.toString());
        assertEquals("ERROR: stdout_callback: Invalid callback for stdout specified: minimall (did you mean 'minimal'?)\n",
                r.err().replaceAll("(?m)^journal: .*\n", ""), r.toString());
        RunResult checked = run(Map.of("ANSIBLE_STDOUT_CALLBACK", "minimall"), "--syntax-check");
        assertEquals(0, checked.exitCode(), checked.toString());
    }
}
