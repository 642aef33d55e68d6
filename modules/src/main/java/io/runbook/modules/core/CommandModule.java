package io.runbook.modules.core;

import io.runbook.modules.connection.ShellWords;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Map;

/**
 * {@code command}: runs a program on the host without a shell, like Ansible's {@code command}. It reports
 * {@code changed} whenever it ran (Ansible's behaviour; playbooks say otherwise with {@code changed_when}).
 * Over SSH the words are quoted for the login shell, so they arrive unchanged.
 */
public final class CommandModule implements Module {
    static final ArgSpec SPEC = ArgSpec.builder()
            .freeForm()
            .arg(Arg.str("_raw_params").description("the command line when written free-form: command: ls -l"))
            .arg(Arg.str("cmd").description("the command line, split like a shell splits words (quotes respected); no shell features"))
            .arg(Arg.list("argv").elements(ArgType.STR).description("the program and its arguments, one per item; nothing is split"))
            .arg(Arg.str("executable").description("not used: Ansible's command module no longer takes it (since 2.4) and only warns; use shell"))
            .arg(Arg.str("chdir").description("folder to run in, on the host"))
            .arg(Arg.str("creates").description("if this path (or shell pattern) exists on the host, do not run (reports ok)"))
            .arg(Arg.str("removes").description("if this path does not exist (nothing matches the pattern) on the host, do not run (reports ok)"))
            .arg(Arg.str("stdin").description("text written to the process's standard input"))
            .arg(Arg.bool("stdin_add_newline").defaultValue(true).description("append a newline to stdin"))
            .arg(Arg.bool("strip_empty_ends").defaultValue(true).description("strip trailing newlines from stdout and stderr"))
            .build();
    /** The exit code Ansible's command module gives when it cannot start for want of a command. */
    private static final int NO_COMMAND_RC = 256;

    @Override
    public String name() {
        return "command";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> echoedArgs(Args args) {
        return CommandRun.echoed(args, false);
    }

    @Override
    public String description() {
        return "Run a program on the host (no shell): rc, stdout, stderr; creates/removes make it idempotent";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        if (args.has("executable") && !args.string("executable").isEmpty()) {
            ctx.warn("As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '"
                    + args.string("executable") + "'.");
        }
        String mistake = givenOnce(args);
        if (mistake != null) {
            return CommandRun.notStarted(Result.failed(mistake).with("cmd", null).with("rc", NO_COMMAND_RC));
        }
        List<String> argv = argv(args);
        List<String> shown = argv;
        if (!ctx.args().has("argv") && io.runbook.modules.connection.HostConnections.of(ctx).isLocal()) {
            argv = expanded(argv, ctx.processEnvironment());
        }
        return CommandRun.run(ctx, argv, shown);
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$(\\w+|\\{([^}]*)})");

    /**
     * The words of {@code cmd} or free-form text, as Ansible's command module (its run_command) treats them on the
     * host ({@code argv} items stay as written): {@code ~} at the start of a word is the home
     * folder, and {@code $NAME}/{@code ${NAME}} of a variable of the environment (the task's {@code environment}
     * included) is its value; an unknown variable stays as written. No other shell feature. {@code env} is the
     * process's: the task's {@code environment} over the run's.
     */
    static List<String> expanded(List<String> argv, java.util.Map<String, String> env) {
        String home = io.runbook.engine.vars.HomeDir.of(env);
        return argv.stream().map(word -> {
            String w = io.runbook.engine.vars.HomeDir.expand(word, home);
            java.util.regex.Matcher m = VARIABLE.matcher(w);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(2) != null ? m.group(2) : m.group(1);
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(env.getOrDefault(name, m.group())));
            }
            m.appendTail(out);
            return out.toString();
        }).toList();
    }

    /**
     * Ansible's messages (a failed result with rc 256, when the task runs) for a command given twice or not at all:
     * free-form text and {@code cmd} are one thing (Ansible's parser makes {@code cmd} the free-form text).
     */
    private static String givenOnce(Args args) {
        boolean text = args.has("_raw_params") && !args.string("_raw_params").isBlank()
                || args.has("cmd") && !args.string("cmd").isBlank();
        boolean argv = args.has("argv") && !args.strings("argv").isEmpty();
        if (args.has("_raw_params") && args.has("cmd")) {
            return "give the command once: free-form text or cmd, not both";
        }
        if (!text && !argv) {
            return "no command given";
        }
        return text && argv ? "only command or argv can be given, not both" : null;
    }

    private static List<String> argv(Args args) throws ModuleException {
        if (args.has("argv")) {
            List<String> argv = args.strings("argv");
            if (argv.get(0) == null || argv.get(0).isBlank()) {
                throw new ModuleException("argv's first item is empty: it is the program to run");
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
}
