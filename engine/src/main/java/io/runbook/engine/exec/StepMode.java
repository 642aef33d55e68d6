package io.runbook.engine.exec;

import java.util.Locale;

/**
 * {@code --step}, as ansible-playbook's: before each task (handlers and meta tasks aside) the question
 * {@code Perform task: TASK: NAME (N)o/(y)es/(c)ontinue: } — once for the batch, or for each host ({@code on HOST})
 * under the free strategy. {@code y}/{@code yes} runs the task, {@code c}/{@code continue} runs it and every later task
 * without asking, anything else skips it on every host. The answer is read from the terminal, or from standard input
 * when there is none (so answers can be piped in); an input that ends before an answer stops the run as Ctrl-C does.
 */
final class StepMode {
    private volatile boolean on;
    private final PromptInput input;

    StepMode(boolean on, PromptInput input) {
        this.on = on;
        this.input = input;
    }

    /** Whether the task runs; asks only while step mode is on. */
    synchronized boolean take(RunState run, String taskName, String host) throws InterruptedException {
        if (!on) {
            return true;
        }
        String question = "Perform task: TASK: " + taskName + " " + (host == null ? "" : "on " + host + " ")
                + "(N)o/(y)es/(c)ontinue: ";
        String read = read(question);
        if (read == null) {
            // nothing more to read: the run stops here, as at Ctrl-C (ansible-playbook ends without a word)
            run.listeners.terminal("\n");  // the question's line ends here
            run.listeners.warning("--step: no answer to '" + question.strip() + "' (the input ended): the run stops here");
            run.interrupted.set(true);
            return false;
        }
        String answer = read.strip().toLowerCase(Locale.ROOT);
        run.listeners.stepAnswered(question);
        if (answer.equals("c") || answer.equals("continue")) {
            on = false;
            return true;
        }
        return answer.equals("y") || answer.equals("yes");
    }

    private String read(String question) throws InterruptedException {
        return input.read(question);
    }
}
