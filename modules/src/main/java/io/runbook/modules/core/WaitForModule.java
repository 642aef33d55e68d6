package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code wait_for}: waits until a TCP port accepts (or refuses) connections or a path appears (or
 * disappears), reporting progress while it waits. Read-only: never changed, runs in check mode too.
 */
public final class WaitForModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("host").defaultValue("127.0.0.1").description("host name or address whose port to check"))
            .arg(Arg.integer("port").description("TCP port to check"))
            .arg(Arg.str("path").description("file or folder to check, on the host"))
            .arg(Arg.str("state").defaultValue("started").choices("started", "stopped", "present", "absent")
                    .description("port: started (accepts connections) or stopped; path: present or absent (started/stopped are accepted as synonyms)"))
            .arg(Arg.str("search_regex").description("with path: wait until the file's text matches this regex"))
            .arg(Arg.duration("timeout").defaultValue(300).description("give up after this long"))
            .arg(Arg.duration("delay").defaultValue(0).description("wait this long before the first check"))
            .arg(Arg.duration("sleep").defaultValue(1).description("pause between checks"))
            .arg(Arg.duration("connect_timeout").defaultValue(5).description("how long one connection attempt may take"))
            .arg(Arg.str("msg").description("failure message instead of the default one"))
            .mutuallyExclusive("port", "path")
            .build();

    @Override
    public String name() {
        return "wait_for";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Wait for a TCP port to open or close, or a path to appear or vanish";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        Duration timeout = args.duration("timeout");
        Readiness target = target(args, ctx);
        long start = System.nanoTime();
        Thread.sleep(args.duration("delay").toMillis());
        if (target == null) {
            // Ansible's wait_for with neither port nor path simply sleeps for the timeout
            Thread.sleep(timeout.toMillis());
            return Result.ok().with("elapsed", elapsedSince(start));
        }
        String lastError = waitUntilReady(ctx, target, start, timeout, args.duration("sleep"));
        Result result = lastError == null ? Result.ok() : Result.failed(failure(args, target, timeout, lastError)).with("last_error", lastError);
        result = result.with("elapsed", elapsedSince(start)).with("state", args.string("state"));
        if (target instanceof PathReadiness p) {
            result = result.with("path", p.path()).with("search_regex", args.string("search_regex")).with("match_groups", p.groups())
                    .with("match_groupdict", p.groupDict());
        } else {
            result = result.with("port", args.integer("port")).with("host", args.string("host"));
        }
        return result;
    }

    /** Checks until ready (returns null) or out of time (returns the last reason it was not ready). */
    private static String waitUntilReady(ModuleContext ctx, Readiness target, long start, Duration timeout,
                                         Duration pause) throws InterruptedException, ModuleException {
        long deadline = start + timeout.toNanos();
        String last = null;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("wait_for interrupted while waiting for " + target.describe());
            }
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            String why = target.check(left);
            if (why == null) {
                return null;
            }
            if (last == null || !why.equals(Readiness.CUT_SHORT)) {
                last = why;
            }
            long now = System.nanoTime();
            ctx.progress().update("waiting for " + target.describe() + " (" + (now - start) / 1_000_000_000L + " s, " + why + ")");
            if (now >= deadline) {
                return last;
            }
            Thread.sleep(Math.max(0, Math.min(pause.toMillis(), (deadline - now) / 1_000_000)));
        }
    }

    private static Readiness target(Args args, ModuleContext ctx) throws ModuleException {
        String state = args.string("state");
        boolean positive = state.equals("started") || state.equals("present");
        if (args.has("port")) {
            if (args.has("search_regex")) {
                throw new ModuleException("search_regex works with path only (reading from a port is not supported)");
            }
            return new PortReadiness(HostConnections.of(ctx), args.string("host"), args.integer("port"), positive,
                    args.duration("connect_timeout"));
        }
        if (args.has("path")) {
            HostConnection host = HostConnections.of(ctx);
            return new PathReadiness(host, host.resolve(args.string("path"), ctx.workDir()), positive, regex(args.string("search_regex")),
                    args.string("search_regex"));
        }
        if (args.has("search_regex")) {
            throw new ModuleException("search_regex needs path: the file to search");
        }
        return null;
    }

    /** Python's re syntax ({@code (?P<name>…)}), multi-line as Ansible's {@code re.MULTILINE}. */
    private static Pattern regex(String text) throws ModuleException {
        try {
            return text == null ? null : PythonRegex.compile(text, "search_regex", Pattern.MULTILINE);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    private static String failure(Args args, Readiness target, Duration timeout, String lastError) {
        if (args.string("msg") != null) {
            return args.string("msg");
        }
        return "timed out after " + Clock.text(timeout) + " waiting for " + target.describe() + " (last error: " + lastError + ")";
    }

    private static double elapsedSince(long start) {
        return Clock.seconds(Duration.ofNanos(System.nanoTime() - start));
    }
}
