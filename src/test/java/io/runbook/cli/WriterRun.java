package io.runbook.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The engine run in its process as a program that embeds it runs it: {@link Main#execute(PrintWriter, PrintWriter,
 * String...)} with a writer of its own for the run's output (the file named by the first argument, the command line
 * after it), the process's standard streams still the terminal ({@link Terminal#startWithWriterTo}). What the run
 * asks at the terminal and shows beside its lines then goes to that writer, or, where Ansible writes to the terminal
 * itself (a hidden answer's question), to the terminal.
 */
final class WriterRun {
    private WriterRun() {
    }

    public static void main(String[] args) throws IOException {
        int code;
        try (PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(args[0]), StandardCharsets.UTF_8), true)) {
            code = Main.execute(out, new PrintWriter(System.err, true), java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        System.exit(code);
    }
}
