package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Map;

/**
 * {@code shell}: runs a command line through {@code /bin/sh -c} (or {@code executable}) on the host, so pipes,
 * redirections, variables and globs work, like Ansible's {@code shell}. {@code changed} whenever it ran.
 */
public final class ShellModule implements Module {
    static final ArgSpec SPEC = ArgSpec.builder()
            .freeForm()
            .arg(Arg.str("_raw_params").description("the command line when written free-form: shell: ls | wc -l"))
            .arg(Arg.str("cmd").description("the command line, given to the shell as it is"))
            .arg(Arg.str("executable").defaultValue("/bin/sh").description("the shell that runs it (as EXECUTABLE -c CMD)"))
            .arg(Arg.str("chdir").description("folder to run in, on the host"))
            .arg(Arg.str("creates").description("if this path (or shell pattern) exists on the host, do not run (reports ok)"))
            .arg(Arg.str("removes").description("if this path does not exist (nothing matches the pattern) on the host, do not run (reports ok)"))
            .arg(Arg.str("stdin").description("text written to the shell's standard input"))
            .arg(Arg.bool("stdin_add_newline").defaultValue(true).description("append a newline to stdin"))
            .arg(Arg.bool("strip_empty_ends").defaultValue(true).description("strip trailing newlines from stdout and stderr"))
            .build();

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> echoedArgs(Args args) {
        return CommandRun.echoed(args, true);
    }

    @Override
    public String description() {
        return "Run a command line through /bin/sh on the host: pipes, redirections and variables work";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        if (args.has("_raw_params") && args.has("cmd")) {
            throw new ModuleException("give the command once: free-form text or cmd, not both");
        }
        String line = args.has("cmd") ? args.string("cmd") : args.string("_raw_params");
        if (line == null || line.isBlank()) {
            // Ansible's result, when the task runs
            return CommandRun.notStarted(Result.failed("no command given").with("cmd", null).with("rc", 256));
        }
        String shell = args.string("executable");
        return CommandRun.run(ctx, List.of(shell, "-c", line), line);
    }
}
