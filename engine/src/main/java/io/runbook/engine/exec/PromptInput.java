package io.runbook.engine.exec;

import io.runbook.engine.module.TerminalInput;
import io.runbook.engine.report.RunListener;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The lines a run asks for at the controller ({@code --step}'s questions, the task debugger's prompt): each question
 * shown where the run's output goes ({@link RunListener#terminal}: the same writer as its results), the line read
 * from the terminal, or from standard input when there is none (so answers can be piped in). One reader for the run,
 * so what one of them buffered is not lost to the other.
 */
final class PromptInput {
    private final RunListener output;
    private BufferedReader stdin;

    PromptInput(RunListener output) {
        this.output = output;
    }

    /** The line typed after {@code question} is shown, or null when the input ended. */
    synchronized String read(String question) throws InterruptedException {
        output.terminal(question);
        Console console = System.console();
        if (console != null) {
            return TerminalInput.readLine(console, "", false);
        }
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            return stdin.readLine();
        } catch (IOException e) {
            return null;  // as an input that ended
        }
    }
}
