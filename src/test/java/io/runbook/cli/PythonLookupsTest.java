package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A playbook's Python lookup plugins ({@code engine/python_lookups}): {@code lookup_plugins/} beside the playbook and
 * in a role, ansible.cfg's and ANSIBLE_LOOKUP_PLUGINS' folders (and their subfolders), a collection's; through lookup(),
 * query(), wantlist and with_ loops; options, files/ found along the search path, a vaulted variable, a mapping
 * given instead of a list (Ansible's deprecation of it not shown); failures and errors=ignore/warn.
 * Each run is compared with ansible-playbook's, line for line (the engine's failures name where the template is).
 */
class PythonLookupsTest {
    private static final Path DIR = Path.of("test/resources/engine/python_lookups").toAbsolutePath();
    private static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    private static final Map<String, String> ENV = Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_RETRY_FILES_ENABLED", "0",
            "ANSIBLE_FORKS", "1", "ANSIBLE_DEPRECATION_WARNINGS", "0");

    @Test
    void lookupsQueriesLoopsOptionsAndFailuresAsAnsibleRunsThem() throws Exception {
        same(Map.of(), 0, "site.yml");
    }

    @Test
    void theEnvironmentsFolderAndAVaultedVariableTheyRead() throws Exception {
        same(Map.of("ANSIBLE_LOOKUP_PLUGINS", "elsewhere"), 0, "--vault-password-file", "vault-pass.txt", "env.yml");
    }

    @Test
    void aLookupNoneHasIsRefusedBeforeTheRunWithADidYouMeanAmongThePlugins() throws Exception {
        try (EngineProcess engine = EngineProcess.start(DIR, ENV, "unknown.yml", "-i", "localhost,", "-c", "local")) {
            assertEquals(3, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            assertTrue(engine.output().contains("unknown.yml:6:14: unknown lookup 'shoping' (did you mean 'shopping'?)"),
                    engine.output());
        }
    }

    private static void same(Map<String, String> env, int code, String... args) throws Exception {
        same(DIR, env, code, args);
    }

    /**
     * Runs the playbook of {@code dir} with both programs, on localhost with the local connection unless {@code args}
     * say other hosts (then with the local connection unless they say one): the same exit code, the same lines from the
     * play on.
     */
    static void same(Path dir, Map<String, String> env, int code, String... args) throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE), "ansible-playbook is not installed");
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("-c")) {
            all.addAll(all.contains("-i") ? List.of("-c", "local") : List.of("-i", "localhost,", "-c", "local"));
        }
        Map<String, String> environment = new java.util.HashMap<>(ENV);
        environment.putAll(env);
        String engineOutput;
        try (EngineProcess engine = EngineProcess.start(dir, environment, all.toArray(String[]::new))) {
            assertEquals(code, engine.exitCode(Duration.ofMinutes(5)), engine.output());
            engineOutput = engine.output();
        }
        List<String> command = new ArrayList<>(List.of(ANSIBLE.toString()));
        command.addAll(all);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process ansible = builder.start();
        String ansibleOutput = new String(ansible.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ansible.waitFor(5, TimeUnit.MINUTES));
        assertEquals(code, ansible.exitValue(), ansibleOutput);
        assertEquals(fromThePlay(ansibleOutput), fromThePlay(engineOutput.replaceAll("\"msg\": \"[\\w.]+\\.yml:\\d+:\\d+: ",
                "\"msg\": \"")));
    }

    private static String fromThePlay(String output) {
        int play = output.indexOf("PLAY [");
        return play < 0 ? output : output.substring(play);
    }
}
