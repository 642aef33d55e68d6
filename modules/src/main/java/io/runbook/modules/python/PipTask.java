package io.runbook.modules.python;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.ResultFailure;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import io.runbook.modules.connection.ShellWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One pip task, in ansible-core 2.14's steps: the virtualenv created when it has no {@code bin/activate}, pip found,
 * {@code pip install|uninstall -y} with the state's options, {@code extra_args} and the packages; {@code changed} from
 * pip's "Successfully installed"/"Successfully uninstalled", or, with a requirements file or a VCS URL, from
 * {@code pip list --format=freeze} before and after. Check mode asks {@code pip list} whether the packages are there.
 */
final class PipTask {
    private static final Map<String, List<String>> STATE_ARGS = Map.of("present", List.of("install"), "absent", List.of("uninstall", "-y"),
            "latest", List.of("install", "-U"), "forcereinstall", List.of("install", "-U", "--force-reinstall"));

    private final ModuleContext ctx;
    private final Args args;
    private final HostConnection host;
    private final String state;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    PipTask(ModuleContext ctx) throws ModuleException {
        this.ctx = ctx;
        this.args = ctx.args();
        this.host = HostConnections.of(ctx);
        this.state = args.string("state");
    }

    Result run() throws ModuleException, InterruptedException {
        String chdir = args.string("chdir") == null ? null : host.resolve(args.string("chdir"), ctx.workDir());
        String env = virtualenvPath(chdir);
        String umask = umask(args.raw("umask"));
        String version = args.string("version");
        if (state.equals("latest") && version != null) {
            return Result.failed("version is incompatible with state=latest");
        }
        PipRun run = new PipRun(host, chdir, umask, ctx.environment());
        boolean venvCreated = false;
        if (env != null && !host.stat(env + "/bin/activate", true).exists()) {
            if (ctx.checkMode()) {
                return Result.changed();
            }
            venvCreated = true;
            new Virtualenv(run, args, interpreter()).create(env, out, err);
        }
        PipRun.Located located = run.locate(args.string("executable"), env, interpreter());
        List<String> pip = located.pip();
        List<String> cmd = new ArrayList<>(pip);
        cmd.addAll(STATE_ARGS.get(state));

        List<String> names = args.has("name") ? args.strings("name") : null;
        List<PipRequirement> packages = new ArrayList<>();
        boolean vcs = false;
        if (names != null) {
            vcs = names.stream().anyMatch(n -> n != null && PipRequirement.isVcs(n));
            PipRequirement.recover(names).forEach(p -> packages.add(PipRequirement.parse(p)));
            if (version != null) {
                if (packages.size() > 1) {
                    return Result.failed("'version' argument is ambiguous when installing multiple package distributions. "
                            + "Please specify version restrictions next to each package in 'name' argument.");
                }
                if (packages.get(0).hasVersionSpecifier()) {
                    return Result.failed("The 'version' argument conflicts with any version specifier provided along with a package name. "
                            + "Please keep the version specifier, but remove the 'version' argument.");
                }
                packages.set(0, packages.get(0).withVersion(version));
            }
        }
        String extraArgs = extraArgs();
        if (extraArgs != null) {
            cmd.addAll(ShellWords.split(extraArgs));
        }
        String requirements = args.string("requirements");
        if (names != null) {
            packages.forEach(p -> cmd.add(p.toString()));
        } else {
            cmd.addAll(List.of("-r", requirements));
        }

        if (ctx.checkMode()) {
            if (extraArgs != null || requirements != null || state.equals("latest") || names == null) {
                return Result.changed();
            }
            return predicted(run, pip, packages);
        }

        String before = requirements != null || vcs ? run.packages(pip, new String[1]).stdout() : null;
        Execution done = run.run(cmd, env == null ? null : env + "/bin", Map.of());
        out.append(done.stdout());
        err.append(done.stderr());
        boolean notInstalled = done.rc() == 1 && state.equals("absent")
                && (done.stdout().contains("not installed") || done.stderr().contains("not installed"));
        if (done.rc() != 0 && !notInstalled) {
            throw PipRun.failure(cmd, out.toString(), err.toString());
        }
        boolean changed;
        if (state.equals("absent")) {
            changed = done.stdout().contains("Successfully uninstalled");
        } else if (before == null) {
            changed = done.stdout().contains("Successfully installed");
        } else {
            changed = !before.equals(run.packages(pip, new String[1]).stdout());
        }
        Result result = Result.changed(changed || venvCreated).with("cmd", cmd).with("name", names).with("version", version)
                .with("state", state).with("requirements", requirements).with("virtualenv", env);
        return output(result);
    }

    /** Check mode: changed when a package to install is missing (or one to remove is there), as pip list says. */
    private Result predicted(PipRun run, List<String> pip, List<PipRequirement> packages) throws ModuleException, InterruptedException {
        String[] shown = new String[1];
        Execution listed = run.packages(pip, shown);
        out.append(listed.stdout());
        err.append(listed.stderr());
        List<String> installed = out.toString().lines().filter(l -> !l.isEmpty() && !l.startsWith("You are using")
                && !l.startsWith("You should consider")).toList();
        boolean changed = false;
        for (PipRequirement p : packages) {
            boolean present = installed.stream().anyMatch(p::isSatisfiedBy);
            if (state.equals("present") && !present || state.equals("absent") && present) {
                changed = true;
                break;
            }
        }
        return output(Result.changed(changed).with("cmd", shown[0]));
    }

    private Result output(Result r) {
        String o = out.toString();
        String e = err.toString();
        return r.with("stdout", o).with("stderr", e).with("stdout_lines", o.lines().toList()).with("stderr_lines", e.lines().toList());
    }

    /** {@code virtualenv} on the host: under {@code chdir} when relative and chdir is given, as ansible-core joins them. */
    private String virtualenvPath(String chdir) throws ModuleException {
        String env = args.string("virtualenv");
        if (env == null || env.isEmpty()) {
            return null;
        }
        if (chdir != null && !env.startsWith("/") && !env.startsWith("~")) {
            return chdir + "/" + env;
        }
        return host.resolve(env, ctx.workDir());
    }

    /**
     * The host's Python for Ansible's modules: {@code ansible_python_interpreter} (else the run's INTERPRETER_PYTHON) when
     * not auto, else found on the host.
     */
    private String interpreter() {
        Object set = io.runbook.engine.facts.InterpreterDiscovery.setting(ctx);
        String given = set == null ? "" : String.valueOf(set).strip();
        return given.startsWith("auto") ? "" : given;
    }

    /** {@code extra_args}, with {@code -e} added for {@code editable} as ansible-core adds it. */
    private String extraArgs() {
        String extra = args.string("extra_args");
        if (!args.bool("editable")) {
            return extra == null || extra.isEmpty() ? null : extra;
        }
        List<String> words = new ArrayList<>(extra == null || extra.isEmpty() ? List.of() : List.of(extra.split(" ", -1)));
        if (!words.contains("-e")) {
            words.add("-e");
        }
        return String.join(" ", words);
    }

    /** The umask as octal text, or Ansible's failure ({@code umask must be an octal integer}). */
    private static String umask(Object raw) throws ResultFailure {
        if (raw == null || String.valueOf(raw).isEmpty()) {
            return null;
        }
        String text = String.valueOf(raw).strip();
        try {
            return String.format("%04o", Integer.parseInt(text, 8));
        } catch (NumberFormatException e) {
            throw new ResultFailure(Result.failed("umask must be an octal integer")
                    .with("details", "invalid literal for int() with base 8: '" + text + "'"));
        }
    }
}
