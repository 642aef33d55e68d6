package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Progress;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.TemplateOptions;
import io.runbook.engine.vars.VarScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link ModuleContext} of one module call on one host. */
final class TaskContext implements ModuleContext, io.runbook.engine.module.Expressions {
    private final RunState run;
    /** The {@link #verboseOnce} lines already shown for this run of the task on the host. */
    private final java.util.Set<String> shownOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Args args;
    private final String host;
    private final Map<String, Object> vars;
    private final boolean check;
    private final boolean diff;
    private final boolean noLog;
    private final Path baseDir;
    private final Task task;
    private final Path workDir;
    private final SourcePosition position;
    private final Map<String, String> environment;
    private final TaskConditions conditions;
    private final boolean asyncJob;
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    /** What discovery found for the modules an action plugin's run calls ({@link #runModule}): found once. */
    private volatile PythonDiscovery.Discovered discoveredForCalls;
    /** The time limit of the async job this context's module runs in (an action plugin's wrap_async call), or null. */
    private volatile AsyncBound asyncBound;
    final List<io.runbook.engine.module.Deprecation> deprecations = Collections.synchronizedList(new ArrayList<>());

    TaskContext(RunState run, Args args, String host, Map<String, Object> vars, boolean check, boolean diff, boolean noLog,
                Path baseDir, Path workDir, SourcePosition position, Map<String, String> environment, Task task,
                TaskConditions conditions, boolean asyncJob) {
        this.run = run;
        this.asyncJob = asyncJob;
        this.conditions = conditions;
        this.task = task;
        this.args = args;
        this.host = host;
        this.vars = vars;
        this.check = check;
        this.diff = diff;
        this.noLog = noLog;
        this.baseDir = baseDir;
        this.workDir = workDir;
        this.position = position;
        this.environment = Map.copyOf(environment);
    }

    /**
     * This context with other variables (the discovered interpreter's fact): what was warned, deprecated and shown
     * once in this one goes on in it.
     */
    TaskContext withVars(Map<String, Object> other) {
        if (other == vars) {
            return this;
        }
        TaskContext out = new TaskContext(run, args, host, other, check, diff, noLog, baseDir, workDir, position, environment,
                task, conditions, asyncJob);
        out.warnings.addAll(warnings);
        out.deprecations.addAll(deprecations);
        out.shownOnce.addAll(shownOnce);
        return out;
    }

    @Override
    public Args args() {
        return args;
    }

    @Override
    public boolean asyncJob() {
        return asyncJob;
    }

    @Override
    public void moduleStarted() {
        Optional.ofNullable(asyncBound).ifPresent(AsyncBound::start);
    }

    @Override
    public int asyncSeconds() {
        return asyncJob && task != null ? AsyncKeyword.seconds(run, task, vars) : 0;
    }

    @Override
    public Map<String, Object> moduleDefaults(String action) {
        if (task == null) {
            return Map.of();
        }
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        Map<String, SourcePosition> positions = new java.util.HashMap<>();
        task.keywords().moduleDefaults().applyTo(run.modules, action, args, positions);
        return args.isEmpty() ? Map.of() : new CallInputs(run).renderArgs(args, positions, position, vars, new java.util.HashSet<>());
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public Map<String, Object> vars() {
        return vars;
    }

    @Override
    public Map<String, Object> connectionVars() {
        Map<String, Object> connection = vars instanceof io.runbook.engine.vars.VarScope s ? s.connection() : vars;
        Map<String, Object> passwords = run.options.commandLinePasswords();
        return passwords.isEmpty() ? connection : new UnderlaidVars(connection, passwords);
    }

    @Override
    public boolean checkMode() {
        return check;
    }

    @Override
    public boolean diffMode() {
        return diff;
    }

    @Override
    public boolean noLog() {
        return noLog;
    }

    @Override
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public Path controllerFile(String lookIn, String name) {
        return task == null ? ModuleContext.super.controllerFile(lookIn, name) : FileSearch.require(task, workDir, lookIn, name,
                io.runbook.engine.vars.HomeDir.of(runEnvironment()));
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public String render(String template) {
        return run.templar.renderMustache(template, vars, position);
    }

    @Override
    public String render(String template, Path source) {
        return render(template, source, null);
    }

    @Override
    public String render(String template, Path source, String dest) {
        return render(template, source, dest, TemplateOptions.DEFAULT);
    }

    @Override
    public String render(String template, Path source, String dest, TemplateOptions options) {
        String name = source == null ? "" : source.getFileName().toString();
        if (name.endsWith(".mustache")) {
            return run.templar.renderMustache(template, vars, position);
        }
        Map<String, Object> all = vars;
        if (source != null) {
            Map<String, Object> templateVars = TemplateVars.of(source, dest);
            if (vars instanceof VarScope scope) {
                all = scope.with(templateVars);
            } else {
                all = new java.util.HashMap<>(vars);
                all.putAll(templateVars);
            }
        }
        return String.valueOf(run.templar.plain(run.templar.renderTemplateFile(template, source, all, position, options)));
    }

    @Override
    public Progress progress() {
        return new Progress() {
            @Override
            public void update(String status) {
                run.listeners.progress(host, status);
            }

            @Override
            public void line(String text) {
                run.listeners.progressLine(host, text);
            }
        };
    }

    @Override
    public int verbosity() {
        return run.options.verbosity();
    }

    @Override
    public void verbose(int level, String message) {
        if (run.options.verbosity() >= level) {
            run.listeners.verbose(level, address(), message);
        }
    }

    @Override
    public void verboseOnce(int level, String message) {
        if (run.options.verbosity() >= level && shownOnce.add(message)) {
            run.listeners.verbose(level, address(), message);
        }
    }

    /** The address the host is reached at, as Ansible's connections name it in their lines: ansible_host, or its name. */
    private String address() {
        Object address = connectionVars().get("ansible_host");
        return address == null || String.valueOf(address).isBlank() ? host : String.valueOf(address);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void deprecate(io.runbook.engine.module.Deprecation deprecation) {
        deprecations.add(deprecation);
    }

    @Override
    public void warnNow(String message) {
        run.listeners.hostWarning(message);
    }

    @Override
    public void displayNow(String text) {
        run.listeners.verbose(0, null, text);
    }

    @Override
    public void terminal(String text) {
        run.listeners.terminal(text);
    }

    @Override
    public String writtenAction() {
        return task == null ? null : task.writtenAction();
    }

    @Override
    public String taskName() {
        return task == null ? "" : task.displayName();
    }

    @Override
    public void secret(String value) {
        run.redactor.add(value);
    }

    @Override
    public void madeChange() {
        HostState h = run.host(host);
        if (h.currentTask != null) {
            run.journal.madeChange(host, h.currentTask);
        }
    }

    @Override
    public <T> T shared(Object key, Class<T> type, Supplier<T> factory) {
        return run.resources.get(key, type, factory);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(run.options.services().get(type)));
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public io.runbook.engine.env.RunEnvironment runEnvironment() {
        return run.options.environment();
    }

    /**
     * As Ansible's command action plugin runs a {@code _uses_shell} command as the shell module, the engine's shell runs
     * it; an unknown name or arguments the module refuses are the failed result Ansible gives.
     */
    @Override
    public Map<String, Object> runModule(String name, Map<String, Object> given) throws io.runbook.engine.module.ModuleException,
            InterruptedException {
        return runModule(name, given, false);
    }

    @Override
    public Map<String, Object> runModule(String name, Map<String, Object> given, boolean wrapAsync)
            throws io.runbook.engine.module.ModuleException, InterruptedException {
        Map<String, Object> values = new java.util.LinkedHashMap<>(given);
        String called = io.runbook.engine.module.ModuleRegistry.shortName(name).equals("command")
                && io.runbook.engine.vars.Conditions.truthy(values.remove("_uses_shell")) ? "ansible.legacy.shell" : name;
        Optional<io.runbook.engine.module.Module> found = run.modules.resolve(called);
        if (found.isEmpty()) {
            // Ansible's _execute_module raises this (the action fails with it)
            throw new io.runbook.engine.module.ModuleException("The module " + name + " was not found in configured module paths");
        }
        io.runbook.engine.module.Module module = found.get();
        // as Ansible's _execute_module: the host's Python discovered once for the plugin's run, its fact in each result
        // (not for a module of another language, which needs no Python)
        boolean python = module.runsWithPython();
        PythonDiscovery.Discovered discovered = !python ? null : discoveredForCalls == null && task != null
                ? PythonDiscovery.forModule(run, task, this, vars) : discoveredForCalls;
        if (python) {
            discoveredForCalls = discovered;
        }
        if (check && !module.supportsCheckMode()) {
            Map<String, Object> skipped = io.runbook.engine.module.Result.skipped("remote module (" + name
                    + ") does not support check mode").toMap();
            return PythonDiscovery.withDiscovered(run.listeners, task, skipped, discovered);
        }
        Args moduleArgs;
        try {
            moduleArgs = io.runbook.engine.module.ArgValidator.coerce(module.name(), module.spec(), values, Map.of(), position,
                    baseDir, io.runbook.engine.vars.HomeDir.of(runEnvironment()));
        } catch (io.runbook.engine.error.UserError e) {
            return io.runbook.engine.module.Result.failed(e.getMessage()).toMap();
        }
        TaskContext inner = new TaskContext(run, moduleArgs, host, PythonDiscovery.vars(task, vars, discovered), check, diff, noLog, baseDir, workDir, position,
                environment, task, conditions, wrapAsync && asyncJob);
        inner.shownOnce.addAll(shownOnce);
        try {
            AsyncBound bound = wrapAsync && asyncJob ? new AsyncBound(run.timers, asyncSeconds()) : null;
            inner.asyncBound = bound;
            Map<String, Object> result = bound != null ? bound.run(module, inner) : module.run(inner).join().toMap();
            if (bound == null) {
                TaskResults.echoArgs(module, moduleArgs, result);
            }
            return PythonDiscovery.withDiscovered(run.listeners, task, result, discovered);
        } finally {
            warnings.addAll(inner.warnings);
            deprecations.addAll(inner.deprecations);
        }
    }

    /** Evaluates a condition with this task's variables (for the engine's own modules, such as assert). */
    @Override
    public boolean test(String expression, SourcePosition where) {
        return run.conditions.test(expression, vars, where);
    }

    @Override
    public Object evaluate(String expression, SourcePosition where) {
        return run.conditions.evaluate(expression, vars, where);
    }

    @Override
    public Object template(Object value, SourcePosition where) {
        return run.templar.render(value, vars, where);
    }

    @Override
    public Object written(String name) {
        return task == null ? null : task.args().get(name);
    }

    @Override
    public void displayWarning(String message) {
        if (conditions == null) {
            run.listeners.warning(message);
        } else {
            conditions.warn(message);
        }
    }
}
