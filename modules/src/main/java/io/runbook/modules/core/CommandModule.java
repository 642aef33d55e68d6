package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.ConnectionChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code command}: runs a local process without a shell, like Ansible's {@code command}. It reports
 * {@code changed} whenever it ran (Ansible's behaviour; playbooks say otherwise with {@code changed_when}).
 */
public final class CommandModule implements Module {
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+),");
    private static final ArgSpec SPEC = ArgSpec.builder()
            .freeForm()
            .arg(Arg.str("_raw_params").description("the command line when written free-form: command: ls -l"))
            .arg(Arg.str("cmd").description("the command line, split like a shell splits words (quotes respected); no shell features"))
            .arg(Arg.list("argv").elements(ArgType.STR).description("the program and its arguments, one per item; nothing is split"))
            .arg(Arg.path("chdir").description("folder to run in"))
            .arg(Arg.path("creates").description("if this path exists, do not run (reports ok)"))
            .arg(Arg.path("removes").description("if this path does not exist, do not run (reports ok)"))
            .arg(Arg.str("stdin").description("text written to the process's standard input"))
            .arg(Arg.bool("stdin_add_newline").defaultValue(true).description("append a newline to stdin"))
            .arg(Arg.bool("strip_empty_ends").defaultValue(true).description("strip trailing newlines from stdout and stderr"))
            .mutuallyExclusive("cmd", "argv")
            .requiredOneOf("cmd", "argv")
            .build();

    @Override
    public String name() {
        return "command";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Run a local program (no shell): rc, stdout, stderr; creates/removes make it idempotent";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException {
        ConnectionChoice.of(ctx);
        Args args = ctx.args();
        List<String> argv = argv(args);
        Result guard = guard(args, argv);
        if (guard != null) {
            return guard;
        }
        if (ctx.checkMode()) {
            return Result.skipped("command cannot predict what '" + argv.get(0)
                    + "' would do, so it does not run in check mode (add creates/removes, or check_mode: false for read-only commands)");
        }
        Path chdir = args.path("chdir");
        if (chdir != null && !Files.isDirectory(chdir)) {
            throw new ModuleException("chdir folder does not exist: " + chdir);
        }
        return execute(argv, chdir, stdin(args), args.bool("strip_empty_ends"), ctx.environment());
    }

    private static Result execute(List<String> argv, Path chdir, String stdin, boolean strip,
                                  java.util.Map<String, String> environment) throws ModuleException {
        LocalDateTime start = LocalDateTime.now();
        long t0 = System.nanoTime();
        ProcessRun.Output out;
        try {
            out = ProcessRun.run(argv, chdir, stdin, environment);
        } catch (IOException e) {
            // a result with rc (as Ansible gives), so `until: r.rc == 0` keeps working while a tool is missing
            return Result.failed(startFailure(argv.get(0), e)).with("cmd", argv).with("rc", errno(e))
                    .with("stdout", "").with("stderr", "").with("stdout_lines", List.of()).with("stderr_lines", List.of());
        } catch (ProcessRun.Killed e) {
            return Result.failed(e.getMessage()).withChanged(true).with("cmd", argv).with("rc", -1);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String stdout = strip ? stripEnd(out.stdout()) : out.stdout();
        String stderr = strip ? stripEnd(out.stderr()) : out.stderr();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cmd", argv);
        data.put("rc", out.rc());
        data.put("stdout", stdout);
        data.put("stderr", stderr);
        data.put("stdout_lines", stdout.lines().toList());
        data.put("stderr_lines", stderr.lines().toList());
        data.put("start", Clock.stamp(start));
        data.put("end", Clock.stamp(start.plus(took)));
        data.put("delta", Clock.delta(took));
        Result result = out.rc() == 0 ? Result.changed() : Result.failed("non-zero return code").withChanged(true);
        return result.withAll(data);
    }

    private static List<String> argv(Args args) throws ModuleException {
        if (args.has("_raw_params") && (args.has("cmd") || args.has("argv"))) {
            throw new ModuleException("give the command once: free-form text, cmd or argv, not several");
        }
        if (args.has("argv")) {
            List<String> argv = args.strings("argv");
            if (argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
                throw new ModuleException("argv is empty: its first item is the program to run");
            }
            return argv;
        }
        String line = args.has("cmd") ? args.string("cmd") : args.string("_raw_params");
        List<String> words;
        try {
            words = ShellWords.split(line == null ? "" : line);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
        if (words.isEmpty()) {
            throw new ModuleException("the command is empty");
        }
        return words;
    }

    /** creates/removes: the Ansible way to make a command idempotent; decides in check mode too. */
    private static Result guard(Args args, List<String> argv) {
        Path creates = args.path("creates");
        if (creates != null && Files.exists(creates)) {
            return Result.ok().withMsg("Did not run command since '" + creates + "' exists").with("cmd", argv).with("rc", 0)
                    .with("stdout", "skipped, since " + creates + " exists").with("stdout_lines", List.of()).with("stderr", "");
        }
        Path removes = args.path("removes");
        if (removes != null && !Files.exists(removes)) {
            return Result.ok().withMsg("Did not run command since '" + removes + "' does not exist").with("cmd", argv).with("rc", 0)
                    .with("stdout", "skipped, since " + removes + " does not exist").with("stdout_lines", List.of()).with("stderr", "");
        }
        return null;
    }

    private static String stdin(Args args) {
        String stdin = args.string("stdin");
        if (stdin != null && args.bool("stdin_add_newline") && !stdin.endsWith("\n")) {
            return stdin + "\n";
        }
        return stdin;
    }

    private static String startFailure(String program, IOException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        if (reason.contains("error=2,")) {
            return program.contains("/")
                    ? "cannot run '" + program + "': no such file"
                    : "cannot run '" + program + "': no such program on the PATH (" + System.getenv("PATH") + ")";
        }
        if (reason.contains("error=13,")) {
            return "cannot run '" + program + "': permission denied (is it executable?)";
        }
        return "cannot run '" + program + "': " + reason;
    }

    /** The errno the JDK reports in "error=2, ..." (2 when it does not say). */
    private static int errno(IOException e) {
        Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 2;
    }

    private static String stripEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
