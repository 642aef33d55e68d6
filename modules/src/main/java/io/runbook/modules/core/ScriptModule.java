package io.runbook.modules.core;

import io.runbook.modules.connection.ShellWords;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandFailure;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code script}: a controller script (found as {@code copy}'s {@code src}) put on the host in a private temporary
 * file, run there through the shell with the rest of the free-form text as its arguments (and the task's
 * environment), then removed, as Ansible's {@code script} action: {@code rc}, unstripped {@code stdout}/{@code stderr}
 * and their lines, {@code changed: true}, {@code non-zero return code}; {@code creates}/{@code removes} skip it; in
 * check mode it is skipped unless {@code creates}/{@code removes} let it run (then changed).
 */
public final class ScriptModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .freeForm()
            .arg(Arg.str("_raw_params").description("the script (a controller file: files/ first) and its arguments: script: setup.sh --fast"))
            .arg(Arg.str("cmd").description("the script and its arguments, when not written free-form"))
            .arg(Arg.str("executable").description("the program that runs the script (python3, bash); default: the script's own #! line"))
            .arg(Arg.str("chdir").description("absolute folder on the host to run in"))
            .arg(Arg.str("creates").description("if this path exists on the host, do not run (skipped)"))
            .arg(Arg.str("removes").description("if this path does not exist on the host, do not run (skipped)"))
            .arg(Arg.bool("decrypt").defaultValue(true).description("decrypt a vault-encrypted script before it is copied"))
            .build();

    @Override
    public String name() {
        return "script";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Copy a controller script to the host, run it there with arguments, and remove it";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String line = args.has("cmd") ? args.string("cmd") : args.has("_raw_params") ? args.string("_raw_params") : "";
        List<String> words = ShellWords.split(line.strip());
        if (words.isEmpty()) {
            throw new ModuleException("script needs the script to run: script: NAME [ARGUMENTS]");
        }
        if (args.has("creates") && host.stat(host.resolve(args.string("creates"), ctx.workDir()), true).exists()) {
            return Result.skipped(args.string("creates") + " exists, matching creates option");
        }
        if (args.has("removes") && !host.stat(host.resolve(args.string("removes"), ctx.workDir()), true).exists()) {
            return Result.skipped(args.string("removes") + " does not exist, matching removes option");
        }
        String chdir = args.has("chdir") ? args.string("chdir") : null;
        if (chdir != null && !chdir.startsWith("/")) {
            throw new ModuleException("chdir " + chdir + " must be an absolute path for a Unix-aware remote node");
        }
        Path source = ControllerFiles.find(ctx.controllerFile("files", words.get(0)).toString(), ctx.baseDir(),
                io.runbook.engine.vars.HomeDir.of(ctx.runEnvironment()));
        FileContent content = ControllerFiles.content(source, args.bool("decrypt"));
        if (ctx.checkMode()) {
            return args.has("creates") || args.has("removes") ? Result.changed() : Result.skipped("Check mode is not supported for this task.");
        }
        String tmp = "/tmp/.runbook-script-" + UUID.randomUUID() + "-" + source.getFileName();
        String rest = line.strip().substring(firstWordEnd(line.strip()));
        try (java.io.InputStream in = content.open()) {
            host.write(tmp, in, 0700);
        } catch (java.io.IOException e) {
            throw new ModuleException("cannot read the script " + source + ": " + e.getMessage(), e);
        }
        Execution out;
        try {
            String run = (args.has("executable") ? args.string("executable") + " " : "") + "\"$0\"" + rest;
            String engineDefault = host.isLocal() && ctx.workDir() != null ? ctx.workDir().toString() : null;
            out = host.run(CommandLine.in(List.of("/bin/sh", "-c", run, tmp), chdir, engineDefault, null, ctx.environment()));
        } catch (CommandFailure e) {
            return Result.failed(e.getMessage()).withChanged(e.ran()).with("rc", e.rc());
        } finally {
            host.remove(tmp);
        }
        Result result = out.rc() == 0 ? Result.changed() : Result.failed("non-zero return code").withChanged(true);
        return result.with("rc", out.rc()).with("stdout", out.stdout()).with("stdout_lines", out.stdout().lines().toList())
                .with("stderr", out.stderr()).with("stderr_lines", out.stderr().lines().toList());
    }

    /** Where the free-form line's first word (quotes included) ends: the script's arguments follow as written. */
    private static int firstWordEnd(String line) {
        int i = 0;
        char quote = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return i;
    }
}
