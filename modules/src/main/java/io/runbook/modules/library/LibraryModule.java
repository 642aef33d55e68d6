package io.runbook.modules.library;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostPython;
import io.runbook.modules.connection.HostConnections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module of a {@code library/} folder, run on the host as Ansible's action plugin runs one ({@code _execute_module}):
 * in a private temporary folder on the host (removed after) go the module and its arguments ({@link ModuleArgs}, by the
 * module's {@link ModuleSource.Style style}); a new-style Python module also gets the controller's
 * {@code ansible.module_utils} ({@link ModuleUtils}) on its {@code PYTHONPATH}. A Python module runs with the host's
 * Python ({@code ansible_python_interpreter}, else /usr/bin/python3, else python3), any other with the interpreter of its
 * {@code #!} line (or {@code ansible_<name>_interpreter}), or itself. Its output is read by {@link ModuleOutput}.
 * Arguments are not checked before the run: the module checks them, as Ansible's do. In check mode the module runs
 * with {@code _ansible_check_mode}: AnsibleModule skips a module that does not support it, a script decides itself.
 */
final class LibraryModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder().otherKeys("the module's own arguments (it checks them itself)")
            .build();
    /**
     * Names Ansible's parser gives free-form text to ({@code _raw_params}, its FREEFORM_ACTIONS), whoever's module they
     * are: {@code command: echo hi chdir=/tmp} gives a library/command {@code _raw_params} and {@code chdir}. Any other
     * module's free text is refused before the run, as Ansible refuses it (text holding a template aside).
     */
    private static final java.util.Set<String> FREE_FORM = java.util.Set.of("command", "win_command", "win_shell");
    private static final ArgSpec FREE_FORM_SPEC = ArgSpec.builder().freeForm()
            .otherKeys("the module's own arguments (it checks them itself)").build();
    /** The host's Python: $1 when given, else /usr/bin/python3, else python3. */
    private static final String PYTHON = HostPython.choose("py", "$1") + "; ";
    /** What runs a new-style module as AnsiballZ does (ansiballz_run.py beside this class). */
    private static final byte[] WRAPPER = wrapper();
    private final String name;
    private final Path file;
    private final ModuleUtils utils;
    /** The controller's module this is (a collection's runs as its package's module); null for a library/ one. */
    private final CollectionModule collection;

    LibraryModule(String name, Path file, ModuleUtils utils, CollectionModule collection) {
        this.name = name;
        this.file = file;
        this.utils = utils;
        this.collection = collection;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArgSpec spec() {
        return FREE_FORM.contains(name) ? FREE_FORM_SPEC : SPEC;
    }

    /** As Ansible's parser: a command's {@code cmd} is its free-form text, so not both (ModuleArgs moves it over). */
    @Override
    public void checkWritten(io.runbook.engine.module.WrittenArgs args) {
        Object raw = args.values().get("_raw_params");
        if (ModuleArgs.HAS_CMD.contains(name) && args.values().containsKey("cmd") && raw != null && !"".equals(raw)) {
            throw new io.runbook.engine.error.UserError(args.task(), "The 'cmd' argument cannot be used when other raw "
                    + "parameters are specified. Please put everything in one or the other place.");
        }
    }

    @Override
    public String description() {
        return collection == null ? "the module " + file + " (a library/ folder's)"
                : "the module " + collection.fqcn() + " of the controller's Ansible (" + file + ")";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        return run(ctx, ModuleArgs.of(ctx));
    }

    @Override
    public boolean runsWithPython() {
        try {
            return ModuleSource.read(file).isPython();
        } catch (IOException e) {
            return true;  // its run says it cannot be read
        }
    }

    /** The module run with these arguments (an action plugin's, not the task's as written). */
    Result run(ModuleContext ctx, Map<String, Object> taskArgs) throws ModuleException, InterruptedException {
        ModuleSource source;
        try {
            source = ModuleSource.read(file);
        } catch (IOException e) {
            throw new ModuleException("cannot read the module " + file + ": " + e.getMessage(), e);
        }
        boolean newStyle = source.style() == ModuleSource.Style.NEW_PYTHON;
        byte[] zip = newStyle ? utils.zipOrFail(name, source, collection) : null;
        HostConnection host = HostConnections.of(ctx);
        String tmp = temporaryFolder(host);
        try {
            // as Ansible's _ansible_module_name: the controller's modules by their full name (in check mode's skip message)
            String called = collection == null ? name : collection.fqcn();
            ModuleArgs args = new ModuleArgs(ctx, taskArgs, called, tmp, newStyle ? utils.version() : null);
            String module = tmp + "/AnsiballZ_" + file.getFileName();
            String argsFile = tmp + "/args";
            host.write(module, newStyle ? WRAPPER : source.data(), 0700);
            String argsText = switch (source.style()) {
                case NEW_PYTHON -> args.newStyle();
                case OLD -> args.keyValues();
                case WANT_JSON, BINARY -> args.json();
            };
            host.write(argsFile, argsText.getBytes(StandardCharsets.UTF_8), 0600);
            if (zip != null) {
                host.write(tmp + "/ansible_module_utils.zip", zip, 0600);
            }
            Invocation run = invocation(source, ctx, module, argsFile, zip == null ? null : tmp + "/ansible_module_utils.zip");
            ctx.verbose(3, "Using module file " + file);
            String engineDefault = host.isLocal() && ctx.workDir() != null ? ctx.workDir().toString() : null;
            ctx.moduleStarted();
            Execution out = host.run(CommandLine.in(run.argv(), null, engineDefault, null, ctx.environment()));
            return ModuleOutput.result(out, run.interpreter(), module, ctx);
        } finally {
            host.remove(tmp);
        }
    }

    private static byte[] wrapper() {
        try (java.io.InputStream in = LibraryModule.class.getResourceAsStream("ansiballz_run.py")) {
            return java.util.Objects.requireNonNull(in, "ansiballz_run.py is missing from the jar").readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The command that runs the module, and the interpreter whose absence Ansible's failure message points out. */
    private record Invocation(List<String> argv, String interpreter) {
    }

    private Invocation invocation(ModuleSource source, ModuleContext ctx, String module, String argsFile, String zip)
            throws ModuleException {
        if (source.isPython()) {
            String python = io.runbook.engine.facts.InterpreterDiscovery.chosen(ctx);
            if (zip == null) {
                return new Invocation(List.of("/bin/sh", "-c", PYTHON + "exec \"$py\" \"$2\" \"$3\"", "sh", python,
                        module, argsFile), python.isEmpty() ? null : python);
            }
            // a new-style module: the wrapper (written as the module's AnsiballZ_ file) runs it from the zip by its
            // full name, as AnsiballZ's runpy.run_module does
            return new Invocation(List.of("/bin/sh", "-c", PYTHON + "PYTHONPATH=\"$4\" exec \"$py\" \"$2\" \"$4\" \"$5\" \"$3\" \"$6\"",
                    "sh", python, module, argsFile, zip, ModuleUtils.fqn(name, collection), String.valueOf(rlimitNofile(ctx))),
                    python.isEmpty() ? null : python);
        }
        List<String> argv = new ArrayList<>();
        String interpreter = null;
        if (!source.shebang().isEmpty()) {
            List<String> shebang = new ArrayList<>(source.shebang());
            Object set = ctx.vars().get("ansible_" + Path.of(shebang.get(0)).getFileName() + "_interpreter");
            if (set != null && !String.valueOf(set).isBlank()) {
                shebang.set(0, String.valueOf(set).strip());
            }
            interpreter = shebang.get(0);
            argv.add(shebang.get(0));
            if (shebang.size() > 1) {
                argv.addAll(List.of(shebang.get(1).strip().split("\\s+")));
            }
        }
        argv.add(module);
        argv.add(argsFile);
        return new Invocation(argv, interpreter);
    }

    /**
     * Ansible's PYTHON_MODULE_RLIMIT_NOFILE: the variable {@code ansible_python_module_rlimit_nofile}, else the run's
     * setting ({@code ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE}, ansible.cfg's {@code python_module_rlimit_nofile}), else 0
     * (the limit left alone).
     */
    static int rlimitNofile(ModuleContext ctx) throws ModuleException {
        Object set = ctx.vars().get("ansible_python_module_rlimit_nofile");
        Object value = set instanceof CharSequence text ? ctx.render(text.toString()) : set != null ? set
                : ctx.service(io.runbook.engine.config.SettingValues.class).orElse(io.runbook.engine.config.SettingValues.NONE)
                        .base().get("PYTHON_MODULE_RLIMIT_NOFILE");
        if (value == null || String.valueOf(value).isBlank()) {
            return 0;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new ModuleException("Invalid type for PYTHON_MODULE_RLIMIT_NOFILE, expected int: " + value, e);
        }
    }

    private static String temporaryFolder(HostConnection host) throws ModuleException, InterruptedException {
        Execution made = host.run(new CommandLine(List.of("/bin/sh", "-c",
                "umask 77 && mktemp -d \"${TMPDIR:-/tmp}/ansible-tmp-runbook.XXXXXXXXXX\""), null, null, Map.of()));
        String folder = made.stdout().strip();
        if (made.rc() != 0 || !folder.startsWith("/")) {
            throw new ModuleException("cannot make a temporary folder on the host for the module: "
                    + (made.stderr().isBlank() ? "mktemp ended with " + made.rc() : made.stderr().strip()));
        }
        return folder;
    }
}
