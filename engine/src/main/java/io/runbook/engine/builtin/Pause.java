package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code pause}: waits a number of seconds or minutes, showing a countdown. Never interactive: a recovery
 * run must not stop for input, so a pause without a duration fails instead of waiting forever.
 */
public final class Pause implements Module {
    @Override
    public String name() {
        return "pause";
    }

    @Override
    public String description() {
        return "Wait for a number of seconds or minutes (non-interactive).";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.of("seconds", ArgType.FLOAT).description("how long to wait, in seconds"))
                .arg(Arg.of("minutes", ArgType.FLOAT).description("how long to wait, in minutes"))
                .arg(Arg.str("prompt").description("text shown while waiting"))
                .mutuallyExclusive("seconds", "minutes")
                .requiredOneOf("seconds", "minutes")
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) throws InterruptedException {
        double secs = ctx.args().has("seconds") ? ctx.args().number("seconds") : ctx.args().number("minutes") * 60;
        Duration total = Duration.ofMillis(Math.round(secs * 1000));
        Instant start = Instant.now();
        String prompt = ctx.args().has("prompt") ? ctx.args().string("prompt") + " — " : "";
        Instant end = start.plus(total);
        while (Instant.now().isBefore(end)) {
            long left = Duration.between(Instant.now(), end).toSeconds();
            ctx.progress().update(prompt + "pausing, " + left + " s left");
            Thread.sleep(Math.min(1000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
        }
        Duration took = Duration.between(start, Instant.now());
        return Result.ok().with("start", start.toString()).with("delta", took.toMillis() / 1000.0)
                .with("stdout", "Paused for " + secs + " seconds");
    }
}
