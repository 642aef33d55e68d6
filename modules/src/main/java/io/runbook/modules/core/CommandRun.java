package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandFailure;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code command} and {@code shell} share: {@code creates}/{@code removes} decided on the host (also in
 * check mode), the run through the host's connection, and Ansible's result ({@code rc}, {@code stdout},
 * {@code stderr}, their {@code _lines}, {@code start}/{@code end}/{@code delta}; {@code changed} whenever it ran).
 */
final class CommandRun {
    private CommandRun() {
    }

    /**
     * Runs {@code argv} on the host unless creates/removes say not to; {@code shown} is the result's {@code cmd}
     * (the argv list for command, the text for shell).
     */
    static Result run(ModuleContext ctx, List<String> argv, Object shown) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String chdir = args.has("chdir") ? host.resolve(args.string("chdir"), ctx.baseDir()) : null;
        Result guard = guard(host, args, chdir, ctx, shown);
        if (guard != null) {
            return guard;
        }
        if (ctx.checkMode()) {
            String why = "command cannot predict what '" + argv.get(0)
                    + "' would do, so it does not run in check mode (add creates/removes, or check_mode: false for read-only commands)";
            // msg as well, as Ansible's "Command would have run if not in check mode" (playbooks test it)
            return Result.skipped(why).with("msg", why).with("cmd", shown).with("rc", 0);
        }
        LocalDateTime start = LocalDateTime.now();
        long t0 = System.nanoTime();
        Execution out;
        try {
            out = host.run(new CommandLine(argv, chdir, stdin(args), ctx.environment()));
        } catch (CommandFailure e) {
            // a result with rc (as Ansible gives), so `until: r.rc == 0` keeps working while a tool is missing
            Result failed = Result.failed(e.getMessage()).withChanged(e.ran()).with("cmd", shown).with("rc", e.rc());
            return e.ran() ? failed : failed.with("stdout", "").with("stderr", "").with("stdout_lines", List.of()).with("stderr_lines", List.of());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        boolean strip = args.bool("strip_empty_ends");
        String stdout = strip ? stripEnd(out.stdout()) : out.stdout();
        String stderr = strip ? stripEnd(out.stderr()) : out.stderr();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cmd", shown);
        data.put("rc", out.rc());
        data.put("stdout", stdout);
        data.put("stderr", stderr);
        data.put("stdout_lines", stdout.lines().toList());
        data.put("stderr_lines", stderr.lines().toList());
        data.put("start", Clock.stamp(start));
        data.put("end", Clock.stamp(start.plus(took)));
        data.put("delta", Clock.delta(took));
        if (out.signal() != null) {
            data.put("signal", out.signal());
        }
        Result result = out.rc() == 0 ? Result.changed() : Result.failed("non-zero return code").withChanged(true);
        return result.withAll(data);
    }

    /** creates/removes: the Ansible way to make a command idempotent; relative to chdir when given. */
    private static Result guard(HostConnection host, Args args, String chdir, ModuleContext ctx, Object shown) throws ModuleException {
        if (args.has("creates")) {
            String creates = path(host, args.string("creates"), chdir, ctx);
            if (host.stat(creates, true).exists()) {
                return notRun(shown, "Did not run command since '" + creates + "' exists", "skipped, since " + creates + " exists");
            }
        }
        if (args.has("removes")) {
            String removes = path(host, args.string("removes"), chdir, ctx);
            if (!host.stat(removes, true).exists()) {
                return notRun(shown, "Did not run command since '" + removes + "' does not exist",
                        "skipped, since " + removes + " does not exist");
            }
        }
        return null;
    }

    private static String path(HostConnection host, String path, String chdir, ModuleContext ctx) throws ModuleException {
        return chdir != null && !path.startsWith("/") && !path.startsWith("~")
                ? host.resolve(chdir + "/" + path, ctx.baseDir()) : host.resolve(path, ctx.baseDir());
    }

    private static Result notRun(Object shown, String msg, String stdout) {
        return Result.ok().withMsg(msg).with("cmd", shown).with("rc", 0).with("stdout", stdout)
                .with("stdout_lines", List.of(stdout)).with("stderr", "").with("stderr_lines", List.of());
    }

    private static String stdin(Args args) {
        String stdin = args.string("stdin");
        if (stdin != null && args.bool("stdin_add_newline") && !stdin.endsWith("\n")) {
            return stdin + "\n";
        }
        return stdin;
    }

    private static String stripEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
