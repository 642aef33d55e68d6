package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program run in a folder as a user runs it there, for tests that run ansible-playbook and the engine alike. */
final class FolderRun {
    private FolderRun() {
    }

    /**
     * {@code program} (null: the engine) run with {@code args} in {@code dir}, without the test's ANSIBLE_* variables
     * and without colour; its standard output, once it succeeded (its standard error goes to err.txt there).
     */
    static String succeeded(Path dir, String program, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(EngineJvm.commandOf(program));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ANSIBLE_"));
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out + Files.readString(dir.resolve("err.txt")));
        return out;
    }
}
