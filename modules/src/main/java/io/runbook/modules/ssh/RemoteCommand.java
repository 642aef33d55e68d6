package io.runbook.modules.ssh;

import io.runbook.modules.connection.ShellQuote;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandFailure;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One command on an SSH host through an {@code exec} channel: standard input written, stdout and stderr
 * drained on their own threads, the exit status (or the signal that ended it) read once the channel closes.
 * An interrupt (task timeout, Ctrl-C) sends TERM and closes the channel.
 */
final class RemoteCommand {
    private RemoteCommand() {
    }

    static Execution run(Session session, CommandLine command, String where) throws ModuleException, InterruptedException {
        String line = ShellQuote.line(command);
        ChannelExec channel;
        CompletableFuture<byte[]> out;
        CompletableFuture<byte[]> err;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(line.getBytes(StandardCharsets.UTF_8));
            channel.setInputStream(null);
            OutputStream stdin = channel.getOutputStream();
            out = drain(channel.getInputStream());
            err = drain(channel.getErrStream());
            channel.connect(30_000);
            // on its own thread: a command that never reads its input must not block us where interrupts do not reach
            Thread writer = new Thread(() -> writeStdin(stdin, command.stdin()), "ssh-command-stdin");
            writer.setDaemon(true);
            writer.start();
        } catch (JSchException | IOException e) {
            throw ModuleException.unreachable("cannot run a command on " + where + ": " + SshFailure.cause(e), e);
        }
        try {
            while (!channel.isClosed()) {
                Thread.sleep(5);
            }
            Execution done = new Execution(channel.getExitStatus(), text(out), text(err), channel.getExitSignal());
            return notStarted(done, command, where);
        } catch (InterruptedException e) {
            stop(channel);
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted (task timeout or Ctrl-C): sent TERM to '" + command.argv().get(0) + "' on " + where
                    + " and closed its channel (a command run as root without a terminal may go on running there)", -1, true);
        } finally {
            channel.disconnect();
        }
    }

    /** The shell's "not found" (127) and "cannot execute" (126) read as the local connection's start failures. */
    private static Execution notStarted(Execution done, CommandLine command, String where) throws CommandFailure {
        String program = command.argv().get(0);
        if ((done.rc() == 127 || done.rc() == 126) && done.stdout().isEmpty() && done.stderr().contains(program)) {
            String why = done.rc() == 127 ? (program.contains("/") ? "no such file" : "no such program on the PATH")
                    : "permission denied (is it executable?)";
            throw new CommandFailure("cannot run '" + program + "' on " + where + ": " + why, done.rc() == 127 ? 2 : 13, false);
        }
        return done;
    }

    private static void writeStdin(OutputStream stdin, String text) {
        try (stdin) {
            if (text != null) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the command ended without reading (all of) its input
        }
    }

    private static void stop(ChannelExec channel) {
        try {
            channel.sendSignal("TERM");
        } catch (Exception ignored) {
            // OpenSSH refuses signals for root sessions without privilege separation; closing is all that is left
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                result.complete(buffer.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "ssh-command-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static String text(CompletableFuture<byte[]> bytes) throws InterruptedException, ModuleException {
        try {
            return new String(bytes.get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw ModuleException.unreachable("lost the output of a command: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
