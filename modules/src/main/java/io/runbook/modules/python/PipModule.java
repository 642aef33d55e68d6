package io.runbook.modules.python;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.ResultFailure;

/**
 * {@code pip} (ansible.builtin.pip): Python packages installed, upgraded or removed with the host's own pip, in the
 * host's Python or a virtualenv it creates, as ansible-core 2.14's module does it (its commands, its {@code changed}
 * and its results; see {@link PipTask}).
 */
public final class PipModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.list("name").elements(ArgType.STR).description("packages, each with optional version specifiers (tinypkg>=1.0,<2), a path or a URL"))
            .arg(Arg.str("version").description("the version of the (only) package in name"))
            .arg(Arg.str("requirements").description("a requirements file on the host (pip -r)"))
            .arg(Arg.str("virtualenv").description("a virtualenv folder on the host, created when it has no bin/activate"))
            .arg(Arg.bool("virtualenv_site_packages").defaultValue(false).description("a new virtualenv sees the global site-packages"))
            .arg(Arg.str("virtualenv_command").defaultValue("virtualenv").description("the command that creates the virtualenv (such as python3 -m venv)"))
            .arg(Arg.str("virtualenv_python").description("the Python of a new virtualenv (virtualenv's -p; not with venv)"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent", "latest", "forcereinstall")
                    .description("present: installed; absent: uninstalled; latest: upgraded; forcereinstall: installed again"))
            .arg(Arg.str("extra_args").description("more pip arguments, split as a shell splits them (such as --no-index --find-links DIR)"))
            .arg(Arg.bool("editable").defaultValue(false).description("pass -e (editable installs)"))
            .arg(Arg.str("chdir").description("the folder pip runs in (default: the host's temporary folder)"))
            .arg(Arg.str("executable").description("the pip program (a path, or a name along the PATH); not with virtualenv"))
            .arg(Arg.raw("umask").description("the umask pip runs with, a quoted octal text such as '0022'"))
            .requiredOneOf("name", "requirements")
            .mutuallyExclusive("name", "requirements")
            .mutuallyExclusive("executable", "virtualenv")
            .build();

    @Override
    public String name() {
        return "pip";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Install, upgrade or remove Python packages with the host's pip, optionally in a virtualenv";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        try {
            return new PipTask(ctx).run();
        } catch (ResultFailure e) {
            return e.result();
        }
    }
}
