package io.runbook.cli.testmodules;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;

/** Test-only module: the host cannot be reached. */
public final class Unreachable implements Module {
    @Override
    public String name() {
        return "unreachable";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder().build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        return Result.unreachable("cannot connect to " + ctx.host() + ": connection refused");
    }
}
