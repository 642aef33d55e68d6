package io.runbook.modules.python;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.ResultFailure;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.ShellWords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A virtualenv made as ansible-core's setup_virtualenv makes it: {@code virtualenv_command} (its program found along
 * the host's PATH), {@code --system-site-packages} or, when the program's help offers it, {@code --no-site-packages};
 * {@code -pPYTHON} for virtualenv itself ({@code virtualenv_python}, else the module's Python), never for venv/pyvenv.
 */
final class Virtualenv {
    private final PipRun run;
    private final Args args;
    private final String interpreter;

    /** {@code interpreter}: ansible_python_interpreter (empty: the host's python3). */
    Virtualenv(PipRun run, Args args, String interpreter) {
        this.run = run;
        this.args = args;
        this.interpreter = interpreter;
    }

    void create(String env, StringBuilder out, StringBuilder err) throws ModuleException, InterruptedException {
        String command = args.string("virtualenv_command");
        List<String> cmd = new ArrayList<>(ShellWords.split(command));
        cmd.set(0, run.program(cmd.get(0)));
        if (args.bool("virtualenv_site_packages")) {
            cmd.add("--system-site-packages");
        } else if (options(cmd.get(0)).contains("--no-site-packages")) {
            cmd.add("--no-site-packages");
        }
        String python = args.string("virtualenv_python");
        if (!command.contains("pyvenv") && !command.contains("-m venv")) {
            if (python != null && !python.isEmpty()) {
                cmd.add("-p" + python);
            } else {
                String own = run.python(interpreter);
                if (!own.isEmpty()) {
                    cmd.add("-p" + own);
                }
            }
        } else if (python != null && !python.isEmpty()) {
            throw new ResultFailure(Result.failed("virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command"));
        }
        cmd.add(env);
        Execution made = run.run(cmd);
        out.append(made.stdout());
        err.append(made.stderr());
        if (made.rc() != 0) {
            throw PipRun.failure(cmd, out.toString(), err.toString());
        }
    }

    /** The --options the program's --help names (ansible-core's _get_cmd_options). */
    private List<String> options(String program) throws ModuleException, InterruptedException {
        Execution help = run.run(List.of(program, "--help"));
        if (help.rc() != 0) {
            throw new ResultFailure(Result.failed("Could not get output from " + program + " --help: " + help.stdout() + help.stderr()));
        }
        return Arrays.stream(help.stdout().strip().split("\\s+")).filter(w -> w.startsWith("--")).toList();
    }
}
