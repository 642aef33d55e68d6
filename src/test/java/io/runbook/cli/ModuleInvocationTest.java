package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Python module's echo of its arguments ({@code invocation.module_args}, its no_log option's value masked by the
 * module) as ansible-playbook 2.14 gives it ({@code engine/invocation/play.yml}, whose asserts check what register
 * keeps): hidden below -vvv, shown at -vvv, given to a callback plugin, censored under no_log; the outputs recorded
 * from ansible-playbook (lines from {@code PLAY [}; at -vvv without its {@code <localhost>}, {@code task path:} and
 * {@code Using module file} lines, which differ by design). The engine's own modules echo theirs as the Ansible modules
 * they stand for ({@code engine/invocation-native}).
 */
class ModuleInvocationTest {
    private static final Path DIR = Path.of("test/resources/engine/invocation").toAbsolutePath();

    private static String run(Map<String, String> env, String... more) throws Exception {
        return run(DIR, env, more);
    }

    private static String run(Path dir, Map<String, String> env, String... more) throws Exception {
        String[] args = new String[3 + more.length];
        System.arraycopy(new String[] {"play.yml", "-i", "hosts"}, 0, args, 0, 3);
        System.arraycopy(more, 0, args, 3, more.length);
        try (EngineProcess engine = EngineProcess.start(dir, env, args)) {
            assertEquals(0, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            String out = engine.output().replaceAll("(?m)^journal: .*\n", "");
            assertFalse(out.contains("hunter2"), out);
            return out;
        }
    }

    private static String fromPlay(String out) {
        return out.substring(Math.max(0, out.indexOf("PLAY [")));
    }

    private static String recorded(String name) throws Exception {
        return Files.readString(DIR.resolve(name));
    }

    @Test
    void belowVvvTheDefaultCallbackHidesIt() throws Exception {
        assertEquals(recorded("v.stdout"), fromPlay(run(Map.of(), "-v")));
    }

    @Test
    void atVvvTheDefaultCallbackShowsIt() throws Exception {
        String shown = fromPlay(run(Map.of(), "-vvv")).replaceAll("(?m)^(<localhost>|task path: ).*\n", "");
        assertEquals(recorded("vvv.stdout"), shown);
    }

    @Test
    void aCallbackPluginGetsIt() throws Exception {
        assertEquals(recorded("results-json.stdout"), run(Map.of("ANSIBLE_STDOUT_CALLBACK", "results_json")));
    }

    @Test
    void theEnginesOwnModulesEchoTheirArgumentsAsAnsiblesModules() throws Exception {
        Path dir = Path.of("test/resources/engine/invocation-native").toAbsolutePath();
        assertEquals(Files.readString(dir.resolve("ansible.stdout")),
                run(dir, Map.of("ANSIBLE_STDOUT_CALLBACK", "invocation_json")));
    }
}
