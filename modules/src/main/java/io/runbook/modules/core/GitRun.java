package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.Shlex;
import io.runbook.modules.connection.CommandFailure;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's {@code git} as ansible-core's git module runs it: found along the host's PATH (or the task's
 * {@code executable}), in the C locale (its output is read), with {@code GIT_SSH_COMMAND} carrying the module's ssh
 * options, in a folder that is left as it is when it does not exist yet (as run_command does) and under the task's umask.
 */
final class GitRun {
    /** cd to $1 when it exists, set the umask $2 when given, then the command: one program started per git call. */
    private static final String WRAPPER = "[ -n \"$1\" ] && [ -d \"$1\" ] && cd \"$1\"; [ -n \"$2\" ] && umask \"$2\"; shift 2; exec \"$@\"";
    private static final String LOCATE = "p=$(command -v \"$1\") || { printf 'Failed to find required executable \"%s\" in paths: %s' "
            + "\"$1\" \"$PATH\" >&2; exit 127; }; echo \"$p\"; \"$p\" --version";

    private final HostConnection host;
    private final String git;
    private final String umask;
    private final Map<String, String> environment;

    private GitRun(HostConnection host, String git, String umask, Map<String, String> environment) {
        this.host = host;
        this.git = git;
        this.umask = umask;
        this.environment = environment;
    }

    /** A git found on the host ({@code executable}, else along its PATH), checked to run ({@code git --version}). */
    static GitRun open(HostConnection host, String executable, String umask, Map<String, String> taskEnvironment, String sshOpts)
            throws ModuleException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>(taskEnvironment);
        for (String name : List.of("LANG", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")) {
            env.put(name, "C");
        }
        // as set_git_ssh_env for git 2.3 and later: the ssh command the environment names, with the module's options
        String ssh = env.getOrDefault("GIT_SSH", env.getOrDefault("GIT_SSH_COMMAND", "ssh"));
        env.put("GIT_SSH_COMMAND", sshOpts.isEmpty() ? ssh : ssh + " " + sshOpts);
        Execution found = started(host, new CommandLine(List.of("/bin/sh", "-c", LOCATE, "sh",
                executable == null ? "git" : executable), null, null, env));
        if (found.rc() != 0 || found.stdout().isBlank()) {
            String why = found.stderr().isBlank() ? found.stdout() : found.stderr();
            throw new ModuleException(why.strip().isEmpty() ? "Failed to find required executable \"git\"" : why.strip());
        }
        String path = found.stdout().lines().findFirst().orElse("git");
        return new GitRun(host, path, umask, env);
    }

    /** {@code ssh_opts} as Ansible's set_git_ssh_env completes them: host keys, batch mode and the key file. */
    static String sshOptions(String sshOpts, boolean acceptHostKey, String keyFile, String environmentOpts) {
        String opts = sshOpts == null ? environmentOpts : environmentOpts + " " + sshOpts;
        if (acceptHostKey && !opts.contains("StrictHostKeyChecking=no")) {
            opts += " -o StrictHostKeyChecking=no";
        }
        if (!opts.contains("BatchMode=yes")) {
            opts += " -o BatchMode=yes";
        }
        if (keyFile != null && !keyFile.isEmpty()) {
            if (!opts.contains("-i " + keyFile)) {
                opts += "  -i " + keyFile;
            }
            if (!opts.contains("IdentitiesOnly=yes")) {
                opts += " -o IdentitiesOnly=yes";
            }
        }
        return opts;
    }

    HostConnection host() {
        return host;
    }

    /** {@code git ARGS} in {@code cwd} (null, or a folder not there yet: the connection's default). */
    Execution run(String cwd, String... args) throws ModuleException, InterruptedException {
        return run(cwd, List.of(args));
    }

    Execution run(String cwd, List<String> args) throws ModuleException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "sh", cwd == null ? "" : cwd, umask == null ? "" : umask, git));
        argv.addAll(args);
        return started(host, new CommandLine(argv, null, null, environment));
    }

    /** As run_command with check_rc: a non-zero exit fails the task with git's own words, its output and the command. */
    Execution check(String cwd, String... args) throws ModuleException, InterruptedException {
        return check(cwd, List.of(args));
    }

    Execution check(String cwd, List<String> args) throws ModuleException, InterruptedException {
        Execution out = run(cwd, args);
        if (out.rc() != 0) {
            throw new Failure(output(Result.failed(out.stderr().stripTrailing()), out).with("cmd", shown(args)).with("rc", out.rc()));
        }
        return out;
    }

    /** The command as Ansible's result shows it: the git found, then the words, shell-quoted. */
    String shown(List<String> args) {
        return Shlex.join(words(args));
    }

    /** The git found, then the words. */
    List<String> words(List<String> args) {
        List<String> words = new ArrayList<>(List.of(git));
        words.addAll(args);
        return words;
    }

    /** A result's stdout and stderr with their lines. */
    static Result output(Result r, Execution out) {
        return r.with("stdout", out.stdout()).with("stderr", out.stderr()).with("stdout_lines", out.stdout().lines().toList())
                .with("stderr_lines", out.stderr().lines().toList());
    }

    private static Execution started(HostConnection host, CommandLine line) throws ModuleException, InterruptedException {
        try {
            return host.run(line);
        } catch (CommandFailure e) {
            if (e.ran()) {
                throw e;
            }
            throw new ModuleException("Failed to find required executable \"git\" on " + host.describe() + ": " + e.getMessage());
        }
    }

    /** The task's failure as Ansible's fail_json gives it (msg and its other keys), thrown out of the module's steps. */
    static final class Failure extends io.runbook.engine.module.ResultFailure {
        Failure(Result result) {
            super(result);
        }
    }
}
