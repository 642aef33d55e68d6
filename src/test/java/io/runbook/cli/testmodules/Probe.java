package io.runbook.cli.testmodules;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only module: reports changed or failed on request, fails its first {@code fail_times} calls (per
 * host and {@code key}, for retries), offers a diff, and echoes what it saw (check and diff mode,
 * environment, how many times it was called). For parallelism without clocks: {@code max_in_flight} is the most
 * calls with its {@code key} that ran at once so far, {@code await_peers: N} makes a call wait until N calls of
 * its key run at once, and {@code await_finished: N} with {@code await_key: K} until N calls with key K have finished
 * (each failing, after a generous bound, if that never happens).
 */
public final class Probe implements Module {
    @Override
    public String name() {
        return "probe";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.bool("changed").defaultValue(false))
                .arg(Arg.bool("fail").defaultValue(false))
                .arg(Arg.raw("msg"))
                .arg(Arg.of("sleep", ArgType.FLOAT).defaultValue(0.0))
                .arg(Arg.integer("fail_times").defaultValue(0))
                .arg(Arg.str("key").defaultValue("default"))
                .arg(Arg.bool("diff").defaultValue(false))
                .arg(Arg.integer("await_peers").defaultValue(0))
                .arg(Arg.integer("await_finished").defaultValue(0))
                .arg(Arg.str("await_key").defaultValue("default"))
                .build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Result run(ModuleContext ctx) throws InterruptedException {
        ConcurrentHashMap<String, AtomicInteger> calls = ctx.shared("probe-calls", ConcurrentHashMap.class, ConcurrentHashMap::new);
        int call = calls.computeIfAbsent(ctx.host() + "/" + ctx.args().string("key"), k -> new AtomicInteger()).incrementAndGet();
        ConcurrentHashMap<String, AtomicInteger[]> flights = ctx.shared("probe-in-flight", ConcurrentHashMap.class, ConcurrentHashMap::new);
        AtomicInteger[] flight = flights.computeIfAbsent(ctx.args().string("key"), k -> new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()});
        flight[1].accumulateAndGet(flight[0].incrementAndGet(), Math::max);
        ConcurrentHashMap<String, AtomicInteger> finished = ctx.shared("probe-finished", ConcurrentHashMap.class, ConcurrentHashMap::new);
        AtomicInteger awaited = finished.computeIfAbsent(ctx.args().string("await_key"), k -> new AtomicInteger());
        boolean peersMet;
        boolean othersFinished;
        try {
            double sleep = ctx.args().number("sleep");
            if (sleep > 0) {
                Thread.sleep(Math.round(sleep * 1000));
            }
            peersMet = awaitAtLeast(flight[1], ctx.args().integer("await_peers"));
            othersFinished = awaitAtLeast(awaited, ctx.args().integer("await_finished"));
        } finally {
            flight[0].decrementAndGet();
            finished.computeIfAbsent(ctx.args().string("key"), k -> new AtomicInteger()).incrementAndGet();
        }
        if (!peersMet) {
            return Result.failed("only " + flight[1].get() + " of " + ctx.args().integer("await_peers") + " calls ran at once");
        }
        if (!othersFinished) {
            return Result.failed("only " + awaited.get() + " of " + ctx.args().integer("await_finished") + " calls with key "
                    + ctx.args().string("await_key") + " finished");
        }
        boolean failNow = ctx.args().bool("fail") || call <= ctx.args().integer("fail_times");
        Result r = failNow ? Result.failed(ctx.args().has("msg") ? String.valueOf(ctx.args().raw("msg")) : "probe failed")
                : Result.changed(ctx.args().bool("changed"));
        if (!failNow && ctx.args().has("msg")) {
            r = r.withMsg(String.valueOf(ctx.args().raw("msg")));
        }
        if (ctx.args().bool("diff") && ctx.diffMode()) {
            // computed in diff mode only, as copy's: a task's diff: false then shows none, even with --diff
            r = r.withDiff(new Diff("probe " + ctx.host(), "old line\n", "new line\n"));
        }
        return r.with("calls", call).with("check_mode", ctx.checkMode()).with("diff_mode", ctx.diffMode())
                .with("environment", ctx.environment()).with("max_in_flight", flight[1].get())
                .with("finished_before", awaited.get());
    }

    private static boolean awaitAtLeast(AtomicInteger count, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (count.get() < wanted) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
