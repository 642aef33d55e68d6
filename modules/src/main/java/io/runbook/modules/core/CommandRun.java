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
     * The arguments as Ansible's command module echoes them ({@code invocation.module_args}): {@code cmd} is its
     * {@code _raw_params} (Ansible's parser moves it there), {@code _uses_shell} says whether it ran as {@code shell},
     * {@code argv} is there for shell too and a shell's {@code executable} only when written.
     */
    static Map<String, Object> echoed(Args args, boolean shell) {
        Map<String, Object> echoed = new java.util.TreeMap<>(io.runbook.engine.module.ArgsEcho.moduleArgs(
                shell ? ShellModule.SPEC : CommandModule.SPEC, args));
        Object cmd = echoed.remove("cmd");
        if (args.has("cmd")) {
            echoed.put("_raw_params", cmd);
        }
        echoed.put("_uses_shell", shell);
        echoed.putIfAbsent("argv", null);
        if (shell && !args.has("executable")) {
            echoed.put("executable", null);
        }
        return echoed;
    }

    /**
     * Runs {@code argv} on the host unless creates/removes say not to; {@code shown} is the result's {@code cmd}
     * (the argv list for command, the text for shell).
     */
    static Result run(ModuleContext ctx, List<String> argv, Object shown) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String chdir = args.has("chdir") ? host.resolve(args.string("chdir"), ctx.workDir()) : null;
        if (chdir != null && !host.stat(chdir, true).isDirectory()) {
            return notStarted(Result.failed("Unable to change directory before execution: [Errno 2] No such file or directory: b'"
                    + chdir + "'").with("cmd", shown).with("rc", null));
        }
        Result guard = guard(host, args, chdir, ctx, shown);
        if (guard != null) {
            return guard;
        }
        if (ctx.checkMode()) {
            return wouldRun(args, shown);
        }
        LocalDateTime start = LocalDateTime.now();
        long t0 = System.nanoTime();
        Execution out;
        try {
            // as Ansible's local connection: a command runs in the play's playbook folder; over SSH, in the login folder
            String engineDefault = host.isLocal() && ctx.workDir() != null ? ctx.workDir().toString() : null;
            out = host.run(CommandLine.in(argv, chdir, engineDefault, stdin(args), ctx.environment()));
        } catch (CommandFailure e) {
            // a result with rc (as Ansible gives), so `until: r.rc == 0` keeps working while a tool is missing
            // a program that could not be started: cmd is the printable command line, as Ansible's run_command gives it
            Object cmd = e.ran() ? shown : io.runbook.engine.vars.Shlex.join(argv);
            Result failed = Result.failed(e.getMessage()).withChanged(e.ran()).with("cmd", cmd).with("rc", e.rc());
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
        // as Ansible's command module: an empty msg when the program succeeded
        Result result = out.rc() == 0 ? Result.changed().withMsg("") : Result.failed("non-zero return code").withChanged(true);
        return result.withAll(data);
    }

    /** A failure before the program started, with the keys of Ansible's result (times null, output empty). */
    static Result notStarted(Result failed) {
        return failed.with("start", null).with("end", null).with("delta", null).with("stdout", "").with("stderr", "")
                .with("stdout_lines", List.of()).with("stderr_lines", List.of());
    }

    /**
     * Check mode, as Ansible's command module: with creates/removes that let it run, changed (it would run); without
     * them skipped, as the module cannot know what the program does. Both say Ansible's "Command would have run" (its
     * only message: no skip_reason), with the keys of Ansible's result (times null, output empty).
     */
    private static Result wouldRun(Args args, Object shown) {
        String msg = "Command would have run if not in check mode";
        Result would = args.has("creates") || args.has("removes") ? Result.changed().withMsg(msg) : Result.skipped(msg);
        return notStarted(would.with("cmd", shown).with("rc", 0));
    }

    /**
     * creates/removes: the Ansible way to make a command idempotent; relative to chdir when given, and shell
     * patterns ({@code afile.*}) as Ansible's glob reads them.
     */
    private static Result guard(HostConnection host, Args args, String chdir, ModuleContext ctx, Object shown)
            throws ModuleException, InterruptedException {
        String would = ctx.checkMode() ? "Would" : "Did";
        if (args.has("creates")) {
            String creates = path(host, args.string("creates"), chdir, ctx);
            if (exists(host, creates)) {
                return notRun(shown, would + " not run command since '" + creates + "' exists", "skipped, since " + creates + " exists");
            }
        }
        if (args.has("removes")) {
            String removes = path(host, args.string("removes"), chdir, ctx);
            if (!exists(host, removes)) {
                return notRun(shown, would + " not run command since '" + removes + "' does not exist",
                        "skipped, since " + removes + " does not exist");
            }
        }
        return null;
    }

    /** Whether the path, or a path the shell pattern matches, exists on the host (the pattern expanded by its sh). */
    private static boolean exists(HostConnection host, String path) throws ModuleException, InterruptedException {
        if (!path.matches(".*[*?\\[].*")) {
            return host.stat(path, true).exists();
        }
        String script = "IFS=''; for f in $1; do [ -e \"$f\" ] && exit 0; done; exit 1";
        return host.run(new CommandLine(List.of("/bin/sh", "-c", script, "sh", path), null, null, Map.of())).rc() == 0;
    }

    private static String path(HostConnection host, String path, String chdir, ModuleContext ctx) throws ModuleException {
        return chdir != null && !path.startsWith("/") && !path.startsWith("~")
                ? host.resolve(chdir + "/" + path, ctx.workDir()) : host.resolve(path, ctx.workDir());
    }

    /** creates/removes said not to run: Ansible's result, its times null. */
    private static Result notRun(Object shown, String msg, String stdout) {
        return Result.ok().withMsg(msg).with("cmd", shown).with("rc", 0).with("stdout", stdout)
                .with("stdout_lines", List.of(stdout)).with("stderr", "").with("stderr_lines", List.of())
                .with("start", null).with("end", null).with("delta", null);
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
