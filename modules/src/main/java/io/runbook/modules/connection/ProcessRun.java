package io.runbook.modules.connection;

import io.runbook.engine.module.SpawnLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One local process: started without a shell, stdin written, stdout and stderr drained on their own
 * threads (so a chatty process never blocks on a full pipe), and killed with its descendants when the
 * waiting thread is interrupted (task timeout, Ctrl-C).
 */
final class ProcessRun {
    /** What the process left behind. */
    record Output(int rc, String stdout, String stderr) {
    }

    /** Raised when the waiting thread was interrupted; the process tree is already dead. */
    static final class Killed extends Exception {
        Killed(String message) {
            super(message);
        }
    }

    private ProcessRun() {
    }

    static Output run(List<String> argv, Path chdir, String stdin, java.util.Map<String, String> environment)
            throws IOException, Killed {
        ProcessBuilder builder = new ProcessBuilder(argv);
        // the whole environment of the process, never the JVM's own (a run in this JVM may have been given another)
        builder.environment().clear();
        builder.environment().putAll(environment);
        if (chdir != null) {
            builder.directory(chdir.toFile());
        }
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = SpawnLock.start(builder);
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        if (stdin != null) {
            // on its own thread: a process that never reads would otherwise block us where interrupts do not reach
            Thread writer = new Thread(() -> writeStdin(process, stdin), "command-stdin");
            writer.setDaemon(true);
            writer.start();
        }
        try {
            int rc = process.waitFor();
            return new Output(rc, text(out), text(err));
        } catch (InterruptedException e) {
            int killed = kill(process);
            Thread.currentThread().interrupt();
            throw new Killed("interrupted (task timeout or Ctrl-C): killed process " + process.pid()
                    + (killed > 0 ? " and " + killed + " child process(es)" : "") + " running '" + argv.get(0) + "'");
        }
    }

    private static void writeStdin(Process process, String stdin) {
        // a process that exits without reading its input closes the pipe: that is not our failure
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // broken pipe: the process did not want (all of) its input
        }
    }

    /** Kills the process and every descendant (TERM, then KILL after a grace period); returns how many descendants there were. */
    private static int kill(Process process) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                // still running after TERM (or we were interrupted again): no more patience
                handle.destroyForcibly();
            }
        }
        return tree.size() - 1;
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                result.complete(buffer.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "command-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static String text(CompletableFuture<byte[]> bytes) throws InterruptedException, IOException {
        try {
            return new String(bytes.get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw new IOException("could not read the process output: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
