package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code --ask-vault-pass} and {@code -K} in a process without a controlling terminal ({@code setsid}: cron, CI): as
 * Python's getpass in ansible-playbook, the password is read as a line of standard input, with getpass's warning and
 * the question on standard error; the end of input at the vault question stops the run before anything runs, at
 * {@code -K}'s it is an empty password. Each case is run by the engine and by Debian's ansible-playbook.
 */
class GetpassWithoutTerminalTest {
    private static final String DIR = "input/vault-unopened/";
    private static final String PLAYBOOK = "/usr/bin/ansible-playbook";

    record Ended(int code, String out, String err) {
    }

    /** {@code program} (null: the engine) on the fixture's playbook in a new session, {@code stdin} its input. */
    private static Ended run(String program, String stdin, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("setsid", "-w"));
        command.addAll(EngineJvm.commandOf(program));
        command.addAll(List.of(EngineRun.fixture(DIR + "playbook.yml"), "-i", EngineRun.fixture(DIR + "inv/hosts.ini")));
        command.addAll(List.of(options));
        Path out = Files.createTempFile("getpass", ".out");
        Path err = Files.createTempFile("getpass", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("ANSIBLE_NOCOLOR", "1");
            builder.environment().put("ANSIBLE_LOCALHOST_WARNING", "false");
            Process process = builder.start();
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the process ended before reading: its exit code and output tell why
                }
            });
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end");
            }
            written.join();
            return new Ended(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theVaultPasswordIsALineOfStandardInput() throws Exception {
        for (String program : new String[] {null, PLAYBOOK}) {
            Ended ended = run(program, "unopened-fixture-pass\n", "--ask-vault-pass");
            String who = (program == null ? "engine" : program) + ": " + ended;
            assertEquals(0, ended.code(), who);
            // the secret's and web1's token's lengths: both vars files opened with the typed password
            assertTrue(ended.out().contains("\"msg\": \"18 16\""), who);
            assertTrue(ended.err().contains("Warning: Password input may be echoed."), who);
            assertTrue(ended.err().contains("Vault password: "), who);
            assertFalse(ended.out().contains("Vault password"), who);
        }
    }

    @Test
    void theEndOfInputAtTheVaultQuestionStopsTheRunAsAnsibles() throws Exception {
        for (String program : new String[] {null, PLAYBOOK}) {
            Ended ended = run(program, "", "--ask-vault-pass");
            String who = (program == null ? "engine" : program) + ": " + ended;
            assertTrue(ended.code() != 0, who);
            assertTrue(ended.err().contains("EOFError (ctrl-d) on prompt for (default)"), who);
            assertFalse(ended.out().contains("PLAY ["), who);
        }
    }

    @Test
    void theBecomePasswordIsReadTooAndItsEndIsAnEmptyPassword() throws Exception {
        for (String program : new String[] {null, PLAYBOOK}) {
            Ended ended = run(program, "", "-K", "--vault-password-file", EngineRun.fixture(DIR + "pass.txt"));
            String who = (program == null ? "engine" : program) + ": " + ended;
            assertEquals(0, ended.code(), who);
            assertTrue(ended.err().contains("BECOME password: "), who);
            assertTrue(ended.out().contains("PLAY RECAP"), who);
        }
    }
}
