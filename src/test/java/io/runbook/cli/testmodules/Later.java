package io.runbook.cli.testmodules;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test-only module: its result ({@code msg}, changed) comes later, {@code after} milliseconds on, without a thread. */
public final class Later implements Module {
    @Override
    public String name() {
        return "later";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder().arg(Arg.str("msg").required()).arg(Arg.integer("after").defaultValue(0)).build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        Result result = Result.changed().withMsg(ctx.args().string("msg"));
        return Result.later(CompletableFuture.supplyAsync(() -> result,
                CompletableFuture.delayedExecutor(ctx.args().integer("after"), TimeUnit.MILLISECONDS)));
    }
}
