package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnections;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code wait_for_connection}, as Ansible's action: waits until the host can be reached through its connection again
 * (after a reboot, or while a new machine boots) by logging in and running {@code true} there, every {@code sleep}
 * seconds until {@code timeout} (after {@code delay}); a host reached from the controller (local, a cluster, a host
 * that is only a name) is there at once. Skipped in check mode, as Ansible's.
 */
public final class WaitForConnectionModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.integer("connect_timeout").defaultValue(5).description("accepted for compatibility: each attempt takes as long as the connection's own timeout (ansible_timeout)"))
            .arg(Arg.integer("delay").defaultValue(0).description("seconds to wait before the first attempt"))
            .arg(Arg.integer("sleep").defaultValue(1).description("seconds between attempts"))
            .arg(Arg.integer("timeout").defaultValue(600).description("seconds to keep trying"))
            .build();

    @Override
    public String name() {
        return "wait_for_connection";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Wait until the host can be reached through its connection (a login and a command), as after a reboot";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        if (ctx.checkMode()) {
            return Result.skipped(null);
        }
        Args args = ctx.args();
        long start = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(Math.max(0, args.integer("delay"))).toMillis());
        if (!HostConnections.saysHowReached(ctx)) {
            return Result.ok().with("elapsed", seconds(start));
        }
        long deadline = start + Duration.ofSeconds(args.integer("timeout")).toNanos();
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                Execution done = HostConnections.of(ctx).run(new CommandLine(List.of("true"), null, null, Map.of()));
                if (done.rc() == 0) {
                    return Result.ok().with("elapsed", seconds(start));
                }
                throw new ModuleException("'true' ended with exit code " + done.rc());
            } catch (ModuleException e) {
                long pause = Duration.ofSeconds(Math.max(0, args.integer("sleep"))).toNanos();
                if (System.nanoTime() + pause >= deadline) {
                    // as Ansible's TimedOutException
                    return Result.failed("timed out waiting for ping module test: " + e.getMessage()).with("elapsed", seconds(start));
                }
                ctx.progress().update("waiting for the connection (attempt " + attempt + ": " + e.getMessage() + ")");
                Thread.sleep(pause / 1_000_000);
            }
        }
    }

    private static int seconds(long start) {
        return (int) Duration.ofNanos(System.nanoTime() - start).toSeconds();
    }
}
