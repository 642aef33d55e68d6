package io.runbook.cli;

import io.runbook.engine.exec.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code completion}: a bash and zsh completion script of every command and option (picocli's AutoComplete). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash and zsh: commands, options and their values.",
                "bash: source <(bin/runbook completion)   zsh: autoload -U compinit && compinit; source <(bin/runbook completion)"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "COMMAND", defaultValue = "runbook",
            description = "The command the script completes: bin/runbook, or an alias of java -jar engine.jar (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash(name, spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
