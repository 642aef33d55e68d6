package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.HostConnections;

/**
 * {@code ping}: proves the engine can reach the host; returns {@code ping: pong} (or {@code data}). As Ansible's, it
 * goes through the host's connection: a host that says how it is reached ({@link HostConnections#saysHowReached})
 * is logged in to (the session is kept for the run's later tasks), so an SSH host that cannot be reached is
 * unreachable; a local or cluster host, and a host that is only a name, answer from the controller. As Ansible's,
 * {@code data: crash} fails the task on purpose.
 */
public final class PingModule implements Module {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String description() {
        return "Check that the host can be reached through its connection; returns ping: pong (data: crash fails on purpose).";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.str("data").defaultValue("pong").description("the text to return as 'ping'; 'crash' fails the task"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException {
        if (HostConnections.saysHowReached(ctx)) {
            HostConnections.of(ctx);
        }
        String data = ctx.args().string("data");
        if ("crash".equals(data)) {
            String type = HostConnections.type(ctx.connectionVars(), ctx.host());
            return crash(HostConnections.saysHowReached(ctx) && "ssh".equals(type));
        }
        return Result.ok().with("ping", data);
    }

    /**
     * Ansible's result for ping's {@code data: crash}: its module raises {@code Exception('boom')}, which ends it without
     * JSON, so the action gives MODULE FAILURE with the traceback as {@code exception} and in {@code module_stderr}, or
     * over SSH in {@code module_stdout} (Ansible's SSH connection runs a module on a terminal, which joins its streams,
     * unless pipelining is on).
     */
    private static Result crash(boolean ssh) {
        return Result.failed("MODULE FAILURE\nSee stdout/stderr for the exact error")
                .with("exception", TRACEBACK)
                .with("module_stderr", ssh ? "" : TRACEBACK)
                .with("module_stdout", ssh ? TRACEBACK : "")
                .with("rc", 1);
    }

    /** The traceback of Ansible's ping for {@code data: crash} (its module's own lines; the engine runs no AnsiballZ). */
    private static final String TRACEBACK = """
            Traceback (most recent call last):
              File "ansible/modules/ping.py", line 89, in <module>
              File "ansible/modules/ping.py", line 79, in main
            Exception: boom
            """;
}
