package io.runbook.modules.python;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.ResultFailure;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostPython;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of one pip task on the host, as ansible-core's pip module runs them: in the task's {@code chdir} (else
 * the host's temporary folder; a folder that is not there leaves the command where it is, as run_command does),
 * under the task's {@code umask}, with a virtualenv's {@code bin} first on the PATH, in the task's environment.
 */
final class PipRun {
    /** cd to $1 (empty: the temporary folder), umask $2, $3 in front of PATH, then the command. */
    private static final String WRAPPER = "cd \"${1:-${TMPDIR:-/tmp}}\" 2>/dev/null; [ -n \"$2\" ] && umask \"$2\"; "
            + "[ -n \"$3\" ] && PATH=\"$3:$PATH\" && export PATH; shift 3; exec \"$@\"";
    /**
     * The pip to run, one word a line, found as ansible-core's _get_pip: $1 executable (a path, else a name along the
     * PATH), else in the virtualenv $2 (bin/pip3, bin/pip), else the module's Python $3 (ansible_python_interpreter, else
     * /usr/bin/python3, else python3 along the PATH) with -m pip.__main__ when it has pip, else pip3 along the PATH.
     * Prints the Python's path after a line @@python for virtualenv's -p. Fails with Ansible's message on stderr.
     */
    private static final String PYTHON = HostPython.choose("py", "$3", "$(command -v python3)");
    private static final String LOCATE = String.join("\n", PYTHON,
            "if [ -n \"$1\" ]; then",
            "  case $1 in /*) echo \"$1\" ;; *) command -v \"$1\" || { printf 'Unable to find any of %s to use.  pip needs to be installed.' \"$1\" >&2; exit 1; } ;; esac",
            "elif [ -n \"$2\" ]; then",
            "  for b in pip3 pip; do [ -x \"$2/bin/$b\" ] && [ ! -d \"$2/bin/$b\" ] && { echo \"$2/bin/$b\"; break; }; done | grep . ||"
                    + " { printf 'Unable to find pip in the virtualenv, %s, under any of these names: pip3, pip. Make sure pip is present in the virtualenv.' \"$2\" >&2; exit 1; }",
            "elif [ -n \"$py\" ] && \"$py\" -c 'import sys, importlib.util; sys.exit(0 if importlib.util.find_spec(\"pip\") else 1)' 2>/dev/null; then",
            "  printf '%s\\n-m\\npip.__main__\\n' \"$py\"",
            "else",
            "  command -v pip3 || { printf 'Unable to find any of pip3 to use.  pip needs to be installed.' >&2; exit 1; }",
            "fi",
            "echo @@python; echo \"$py\"");

    private final HostConnection host;
    private final String chdir;
    private final String umask;
    private final Map<String, String> environment;

    PipRun(HostConnection host, String chdir, String umask, Map<String, String> environment) {
        this.host = host;
        this.chdir = chdir;
        this.umask = umask;
        this.environment = environment;
    }

    /** The pip command's first words and the module's Python (empty when the host has none), or a failure. */
    record Located(List<String> pip, String python) {
    }

    Located locate(String executable, String virtualenv, String interpreter) throws ModuleException, InterruptedException {
        Execution found = host.run(new CommandLine(List.of("/bin/sh", "-c", LOCATE, "sh", executable == null ? "" : executable,
                virtualenv == null ? "" : virtualenv, interpreter == null ? "" : interpreter), null, null, environment));
        int mark = found.stdout().indexOf("@@python\n");
        if (found.rc() != 0 || mark < 0) {
            throw new ResultFailure(Result.failed(found.stderr().strip()));
        }
        List<String> pip = found.stdout().substring(0, mark).lines().filter(l -> !l.isEmpty()).toList();
        return new Located(pip, found.stdout().substring(mark + "@@python\n".length()).strip());
    }

    /** The module's Python on the host ({@code interpreter} when set), empty when it has none. */
    String python(String interpreter) throws ModuleException, InterruptedException {
        return host.run(new CommandLine(List.of("/bin/sh", "-c", PYTHON + "; echo \"$py\"", "sh", "", "", interpreter), null, null, environment))
                .stdout().strip();
    }

    /** A program along the host's PATH (a path as given), or Ansible's get_bin_path failure. */
    String program(String name) throws ModuleException, InterruptedException {
        if (name.contains("/")) {
            return name;
        }
        Execution found = host.run(new CommandLine(List.of("/bin/sh", "-c", "command -v \"$1\" || { echo \"$PATH\"; exit 1; }", "sh", name),
                null, null, environment));
        if (found.rc() != 0) {
            throw new ResultFailure(Result.failed("Failed to find required executable \"" + name + "\" in paths: " + found.stdout().strip()));
        }
        return found.stdout().strip();
    }

    /** {@code argv} in the task's folder with {@code pathPrefix} (null: none) first on the PATH and {@code extra} set. */
    Execution run(List<String> argv, String pathPrefix, Map<String, String> extra) throws ModuleException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "sh", chdir == null ? "" : chdir, umask == null ? "" : umask,
                pathPrefix == null ? "" : pathPrefix));
        words.addAll(argv);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(extra);
        return host.run(new CommandLine(words, null, null, env));
    }

    Execution run(List<String> argv) throws ModuleException, InterruptedException {
        return run(argv, null, Map.of());
    }

    /**
     * ansible-core's _get_packages: {@code pip list --format=freeze} in a parsable locale, else {@code pip freeze};
     * the command as text and its output.
     */
    Execution packages(List<String> pip, String[] shownCommand) throws ModuleException, InterruptedException {
        List<String> list = new ArrayList<>(pip);
        list.addAll(List.of("list", "--format=freeze"));
        Execution out = run(list, null, Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8", "LC_MESSAGES", "C.UTF-8"));
        if (out.rc() != 0) {
            list = new ArrayList<>(pip);
            list.add("freeze");
            out = run(list);
            if (out.rc() != 0) {
                throw failure(list, out.stdout(), out.stderr());
            }
        }
        shownCommand[0] = String.join(" ", list);
        return out;
    }

    /** ansible-core's _fail: the command's output as msg, the command as cmd. */
    static ResultFailure failure(List<String> cmd, String out, String err) {
        String msg = (out.isEmpty() ? "" : "stdout: " + out) + (err.isEmpty() ? "" : "\n:stderr: " + err);
        return new ResultFailure(Result.failed(msg).with("cmd", List.copyOf(cmd)));
    }

}
