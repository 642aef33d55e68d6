package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code wait_for}: waits until a TCP port accepts connections (or refuses them, or has no active connection left)
 * or a path appears (or disappears), reporting progress while it waits. Read-only: never changed, runs in check
 * mode too. Its loop, messages and results are ansible-core 2.14's: check, then {@code sleep}, while the
 * {@code timeout} (counted from the start, {@code delay} included) has not passed; {@code elapsed} in whole seconds.
 */
public final class WaitForModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("host").defaultValue("127.0.0.1").description("host name or address whose port to check"))
            .arg(Arg.integer("port").description("TCP port to check"))
            .arg(Arg.str("path").description("file or folder to check, on the host"))
            .arg(Arg.str("state").defaultValue("started").choices("started", "stopped", "present", "absent", "drained")
                    .description("port: started (accepts connections), stopped or drained (no active connection left); "
                            + "path: present or absent (started is a synonym of present)"))
            .arg(Arg.str("search_regex").description("with path: wait until the file's text matches this regex"))
            .arg(Arg.list("active_connection_states").elements(ArgType.STR).defaultValue(DrainedPort.DEFAULT_STATES)
                    .description("with state drained: the TCP states that count as active connections"))
            .arg(Arg.list("exclude_hosts").elements(ArgType.STR)
                    .description("with state drained: hosts or addresses whose connections do not count"))
            .arg(Arg.duration("timeout").defaultValue(300).description("give up after this long"))
            .arg(Arg.duration("delay").defaultValue(0).description("wait this long before the first check"))
            .arg(Arg.duration("sleep").defaultValue(1).description("pause between checks"))
            .arg(Arg.duration("connect_timeout").defaultValue(5).description("how long one connection attempt may take"))
            .arg(Arg.str("msg").description("failure message instead of the default one"))
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
        return "Wait for a TCP port to open, close or drain, or a path to appear or vanish";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String refused = refusal(args);
        if (refused != null) {
            return Result.failed(refused).with("elapsed", 0);
        }
        Duration timeout = args.duration("timeout");
        // the host's connection is made (a login over SSH) before the clock starts, as Ansible's module starts on the host
        Readiness target = target(args, ctx);
        long start = System.nanoTime();
        Thread.sleep(args.duration("delay").toMillis());
        if (target == null) {
            // Ansible's wait_for with neither port nor path simply sleeps for the timeout
            Thread.sleep(timeout.toMillis());
            return success(args, null, start);
        }
        String lastError;
        try {
            lastError = waitUntilReady(ctx, target, start, timeout, args.duration("sleep"));
        } catch (ModuleException e) {
            if (e.isUnreachable()) {
                throw e;
            }
            return Result.failed(args.string("msg") != null ? args.string("msg") : e.getMessage()).with("elapsed", elapsedSince(start));
        }
        if (lastError != null) {
            String msg = args.string("msg") != null ? args.string("msg") : target.timeoutMessage();
            return Result.failed(msg).with("elapsed", elapsedSince(start)).with("last_error", lastError);
        }
        return success(args, target, start);
    }

    /** Ansible's checks of the arguments, made when the task runs (it fails with {@code elapsed: 0}). */
    private static String refusal(Args args) {
        String state = args.string("state");
        if (args.has("port") && args.has("path")) {
            return "port and path parameter can not both be passed to wait_for";
        }
        if (args.has("path") && (state.equals("stopped") || state.equals("drained"))) {
            return "state=" + state + " should only be used for checking a port in the wait_for module";
        }
        if (args.has("exclude_hosts") && !state.equals("drained")) {
            return "exclude_hosts should only be with state=drained";
        }
        for (String s : args.strings("active_connection_states")) {
            if (!DrainedPort.STATE_CODES.containsKey(s)) {
                return "unknown active_connection_state (" + s + ") defined";
            }
        }
        return null;
    }

    /** Ansible's result: every key, null where it does not apply. */
    private static Result success(Args args, Readiness target, long start) {
        PathReadiness p = target instanceof PathReadiness path ? path : null;
        return Result.ok().with("state", args.string("state")).with("port", args.integer("port"))
                .with("search_regex", args.string("search_regex")).with("match_groups", p == null ? List.of() : p.groups())
                .with("match_groupdict", p == null ? Map.of() : p.groupDict()).with("path", p == null ? args.string("path") : p.path())
                .with("elapsed", elapsedSince(start));
    }

    /**
     * Checks while the timeout has not passed, with a full {@code sleep} after each check as Ansible's loop; returns
     * null once ready, else the last reason it was not.
     */
    private static String waitUntilReady(ModuleContext ctx, Readiness target, long start, Duration timeout,
                                         Duration pause) throws InterruptedException, ModuleException {
        long deadline = start + timeout.toNanos();
        String last = "not checked: the delay used up the timeout";
        while (System.nanoTime() < deadline) {
            if (Thread.interrupted()) {
                throw new InterruptedException("wait_for interrupted while waiting for " + target.describe());
            }
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            String why = target.check(left);
            if (why == null) {
                return null;
            }
            if (!why.equals(Readiness.CUT_SHORT) || last.startsWith("not checked")) {
                last = why;
            }
            ctx.progress().update("waiting for " + target.describe() + " (" + (System.nanoTime() - start) / 1_000_000_000L + " s, " + why + ")");
            Thread.sleep(pause.toMillis());
        }
        return last;
    }

    private static Readiness target(Args args, ModuleContext ctx) throws ModuleException, InterruptedException {
        String state = args.string("state");
        if (args.has("port")) {
            if (args.has("search_regex")) {
                throw new ModuleException("search_regex works with path only (reading from a port is not supported)");
            }
            HostConnection host = HostConnections.of(ctx);
            if (state.equals("drained")) {
                return drained(host, args);
            }
            return new PortReadiness(host, args.string("host"), args.integer("port"), !state.equals("stopped") && !state.equals("absent"),
                    args.duration("connect_timeout"));
        }
        if (args.has("path")) {
            HostConnection host = HostConnections.of(ctx);
            return new PathReadiness(host, host.resolve(args.string("path"), ctx.workDir()), !state.equals("absent"),
                    regex(args.string("search_regex")), args.string("search_regex"));
        }
        if (args.has("search_regex")) {
            throw new ModuleException("search_regex needs path: the file to search");
        }
        if (state.equals("drained")) {
            throw new ModuleException("state=drained needs port: the port whose connections to wait for");
        }
        return null;
    }

    private static Readiness drained(HostConnection host, Args args) throws ModuleException, InterruptedException {
        Set<String> excluded = new LinkedHashSet<>();
        for (String h : args.strings("exclude_hosts")) {
            excluded.addAll(HostAddresses.of(host, h));
        }
        return new DrainedPort(host, args.string("host"), args.integer("port"), HostAddresses.of(host, args.string("host")), excluded,
                args.strings("active_connection_states"));
    }

    /** Python's re syntax ({@code (?P<name>…)}), multi-line as Ansible's {@code re.MULTILINE}. */
    private static Pattern regex(String text) throws ModuleException {
        try {
            return text == null ? null : PythonRegex.compile(text, "search_regex", Pattern.MULTILINE);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    /** Whole seconds, as Ansible's {@code (now - start).seconds}. */
    private static int elapsedSince(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000_000L);
    }
}
