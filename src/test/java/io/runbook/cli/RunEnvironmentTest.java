package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in this JVM given another environment than the JVM's ({@link Main#execute(Map, java.io.PrintWriter,
 * java.io.PrintWriter, String...)}) sees that one everywhere: the env lookup, {@code ansible_env}, expandvars and
 * expanduser, the commands modules start, the pipe lookup's command, a vault password script.
 */
class RunEnvironmentTest {
    private static final Path FOLDER = Path.of("test/resources/engine/run-environment");
    /** The run's HOME: not the JVM's. */
    @TempDir
    Path home;

    @Test
    void lookupsFactsAndCommandsSeeTheRunsEnvironment() {
        RunResult r = run(environment());
        String out = r.out();
        assertTrue(out.contains("\"msg\": \"lookup=from-the-run unset=none\""), out);
        assertTrue(out.contains("\"msg\": \"fact=from-the-run home=" + home + "\""), out);
        assertTrue(out.contains("\"msg\": \"from-the-run " + home + "/x\""), out);
        assertTrue(out.contains("\"msg\": \"printed=from-the-run\""), out);
        assertTrue(out.contains("\"msg\": \"pipe=from-the-run\""), out);
    }

    @Test
    void aTasksEnvironmentGoesOverTheRuns() {
        assertTrue(run(environment()).out().contains("\"msg\": \"overridden=from-the-task\""));
    }

    @Test
    void aCommandDoesNotSeeWhatOnlyTheJvmHas() {
        String jvmOnly = System.getenv().keySet().stream().filter(name -> !environment().containsKey(name))
                .filter(name -> name.matches("[A-Za-z_]\\w*")).sorted().findFirst().orElseThrow();
        RunResult r = run(environment(), "-e", "jvm_only=" + jvmOnly);
        assertTrue(r.out().contains("\"msg\": \"jvm=absent\""), jvmOnly + " leaked into the run: " + r);
    }

    @Test
    void anAdhocCommandSeesTheRunsEnvironment() {
        RunResult r = EngineRun.cliIn(environment(), "adhoc", "-i", "localhost,", "-c", "local", "localhost", "-m", "command",
                "-a", "printenv RUNBOOK_RUN_ENV");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("from-the-run"), r.toString());
    }

    @Test
    void aVaultPasswordScriptSeesTheRunsEnvironment() {
        Map<String, String> env = environment();
        env.put("RUNBOOK_VAULT_PASS", "run-secret");
        RunResult r = EngineRun.cliIn(env, FOLDER.resolve("vaulted.yml").toString(), "-i", "localhost,", "-c", "local",
                "--vault-password-file", FOLDER.resolve("vault-pass.sh").toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"opened\""), r.toString());
    }

    @Test
    void theVaultCommandsPasswordScriptSeesTheGivenEnvironment() {
        Map<String, String> env = environment();
        env.put("RUNBOOK_VAULT_PASS", "run-secret");
        RunResult r = EngineRun.cliIn(env, "vault", "encrypt_string", "--vault-password-file",
                FOLDER.resolve("vault-pass.sh").toString(), "--name", "greeting", "hello");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("$ANSIBLE_VAULT;1.1;AES256"), r.toString());
    }

    private RunResult run(Map<String, String> env, String... extra) {
        String[] args = new String[5 + extra.length];
        System.arraycopy(new String[] {FOLDER.resolve("env.yml").toString(), "-i", "localhost,", "-c", "local"}, 0, args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        RunResult r = EngineRun.cliIn(env, args);
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    /** An environment unlike the JVM's: its own HOME and a variable the JVM has not; PATH so commands are found. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("RUNBOOK_RUN_ENV", "from-the-run");
        return env;
    }
}
