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
            // as Ansible's ping: a module failure, with the exception in module_stderr
            return Result.failed("ping: data=crash asked the module to fail (Exception: boom, as Ansible's ping)")
                    .with("module_stdout", "").with("module_stderr", "Exception: boom\n").with("rc", 1);
        }
        return Result.ok().with("ping", data);
    }
}
