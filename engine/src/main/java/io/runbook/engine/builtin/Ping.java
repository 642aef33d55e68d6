package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;

/**
 * {@code ping}: proves the engine can run a task for the host; returns {@code ping: pong} (or {@code data}). As
 * Ansible's, {@code data: crash} fails the task on purpose.
 */
public final class Ping implements Module {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String description() {
        return "Check that a task runs for the host; returns ping: pong (data: crash fails on purpose).";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.str("data").defaultValue("pong").description("the text to return as 'ping'; 'crash' fails the task"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException {
        String data = ctx.args().string("data");
        if ("crash".equals(data)) {
            // as Ansible's ping: a module failure, with the exception in module_stderr
            return Result.failed("ping: data=crash asked the module to fail (Exception: boom, as Ansible's ping)")
                    .with("module_stdout", "").with("module_stderr", "Exception: boom\n").with("rc", 1);
        }
        return Result.ok().with("ping", data);
    }
}
