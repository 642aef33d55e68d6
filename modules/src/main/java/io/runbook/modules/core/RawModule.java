package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandFailure;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.util.List;

/**
 * {@code raw}: a command line given to the host's shell as it is, as Ansible's {@code raw} action: its result is
 * only {@code rc}, {@code stdout}, {@code stderr} (not stripped) and their lines, {@code changed: true}; a non-zero
 * exit fails with {@code non-zero return code}; skipped in check mode. No {@code chdir}, no environment keyword.
 */
public final class RawModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .freeForm()
            .arg(Arg.str("_raw_params").required().description("the command line, written free-form: raw: uptime"))
            .arg(Arg.str("executable").defaultValue("/bin/sh").description("the shell that runs it (as EXECUTABLE -c CMD)"))
            .build();

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Run a command line through the host's shell as it is: rc, stdout, stderr (no Python needed, as Ansible's raw)";
    }

    @Override
    public boolean supportsCheckMode() {
        return false;
    }

    /** Ansible's raw action skips in check mode with no message. */
    @Override
    public String checkModeSkipMessage() {
        return "";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String line = args.string("_raw_params");
        Execution out;
        try {
            String workIn = host.isLocal() && ctx.workDir() != null ? ctx.workDir().toString() : null;
            out = host.run(CommandLine.in(List.of(args.string("executable"), "-c", line), null, workIn, null, java.util.Map.of()));
        } catch (CommandFailure e) {
            return Result.failed(e.getMessage()).withChanged(e.ran()).with("rc", e.rc());
        }
        Result result = out.rc() == 0 ? Result.changed() : Result.failed("non-zero return code").withChanged(true);
        return result.with("rc", out.rc()).with("stdout", out.stdout()).with("stdout_lines", out.stdout().lines().toList())
                .with("stderr", out.stderr()).with("stderr_lines", out.stderr().lines().toList());
    }
}
