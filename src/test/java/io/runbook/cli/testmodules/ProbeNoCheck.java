package io.runbook.cli.testmodules;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;

/** Test-only module that cannot predict its result, so check mode skips it. */
public final class ProbeNoCheck implements Module {
    @Override
    public String name() {
        return "probe_nocheck";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder().build();
    }

    @Override
    public boolean supportsCheckMode() {
        return false;
    }

    @Override
    public Result run(ModuleContext ctx) {
        return Result.changed();
    }
}
