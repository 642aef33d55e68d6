package io.runbook.cli;

import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.journal.RunSettings;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.PlaybookParser;
import io.runbook.engine.pyplugin.PythonCallbacks;
import io.runbook.engine.report.ConsoleReporter;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.vars.ExtraVars;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import io.runbook.engine.vault.Vault;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run PLAYBOOK...}: the flags of ansible-playbook. Several playbooks run one after the other as one run, as
 * ansible-playbook runs them ({@link RunPlaybooks}). Everything — every playbook — is parsed and checked before
 * anything runs. Its command line is {@link RunCommandLine}'s.
 */
final class RunCommand implements Callable<Integer> {
    private static final Set<String> COMMAND_LINE_OPTIONS = Set.of("-e", "--limit", "--vault-id", "--vault-password-file",
            "--ask-vault-pass", "ANSIBLE_VAULT_PASSWORD_FILE", "--resume", "--journal", "PLAYBOOK");

    CommandSpec spec;

    /** This run's warnings: on stderr, wrapped and each printed once, as ansible-playbook prints them. */
    private io.runbook.engine.report.WarningDisplay warnings;
    /** Ansible's deprecation_warnings setting, known once the settings are read (before any warning is shown). */
    private boolean deprecationWarnings = true;
    /** The settings the run's output callbacks are made by (stdout_callback, callbacks_enabled, ...). */
    private Settings outputSettings;
    /** The playbooks to run, one after the other as one run (ansible-playbook's positional arguments). */
    List<Path> playbooks = new ArrayList<>();
    List<String> inventories = new ArrayList<>();
    List<String> extraVars = new ArrayList<>();
    boolean check;
    boolean diff;
    String limit;
    List<String> tags = new ArrayList<>();
    List<String> skipTags = new ArrayList<>();
    boolean listTasks;
    boolean listHosts;
    boolean listTags;
    boolean syntaxCheck;
    String connection;
    boolean flushCache;
    boolean forceHandlers;
    String startAtTask;
    boolean step;
    Integer forks;
    boolean[] verbose = new boolean[0];
    Path events;
    int taskTimeout;
    Path labStateDir;
    VaultOptions vault = new VaultOptions();
    BecomeOptions become = new BecomeOptions();
    JournalOptions journal = new JournalOptions();
    /** The run's environment, which Main gives ({@link Main#execute(Map, PrintWriter, PrintWriter, String...)}). */
    RunEnvironment env = RunEnvironment.EMPTY;

    @Override
    public Integer call() {
        RunCommandLine.read(spec.commandLine().getParseResult(), this);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModuleRegistry modules = ModuleRegistry.load();
        try {
            checkOptionValues();
            ProjectConfig config = ProjectConfig.find(Path.of(""));
            Settings configured = Settings.current(env.asMap());
            VerboseHeader.print(out, verbose.length, configured, config);
            deprecationWarnings = configured.deprecationWarnings();
            outputSettings = configured;
            modules.pluginHost().display(warnings());  // what a plugin displays, as the engine's own
            WorldWritable.warnings(env.asMap(), Path.of("").toAbsolutePath()).forEach(warnings()::warn);
            // as ansible-playbook's CLI, once it has read its config: the deprecated settings given
            configured.deprecations().forEach(warnings()::deprecated);
            configured.pluginFilter().warnings().forEach(warnings()::warn);
            Vault.activate(vault.load(configured, env));
            ResumedRun resumed = journal.resuming() ? resume(config) : null;
            List<Path> books = resumed != null ? resumed.settings.playbooks() : playbooks;
            List<Path> staticImports = java.util.Collections.synchronizedList(new ArrayList<>());
            if (books.isEmpty()) {
                throw new UserError(io.runbook.engine.error.SourcePosition.of("PLAYBOOK"),
                        "missing the playbook to run (or --resume to carry on a journaled run)");
            }
            configured.configure(modules, env);
            List<String> sources = resumed != null ? resumed.settings.inventories()
                    : inventories.isEmpty() ? configured.inventory() : inventories;
            Map<String, Object> given = ExtraVars.parse(extraVars, Path.of("").toAbsolutePath(), configured.hashBehaviour());
            java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>(resumed != null ? resumed.extraVars(given) : given);
            // the inventory first, as ansible-playbook does: its errors come before the playbook's; the extra vars
            // are known while the playbook is read, for static imports with templated names
            // --syntax-check and the listings ask for no host's variables: as Ansible's, they open no vars file
            io.runbook.engine.inventory.InventorySettings inventorySettings = syntaxCheck || listTasks || listHosts || listTags
                    ? configured.inventorySettings(modules).varsNotDemanded() : configured.inventorySettings(modules);
            java.util.function.Function<Path, Inventory> inventoryOf = dir -> Inventory.load(sources, dir,
                    configured.hashBehaviour(), configured.groupNameChars(), extra, inventorySettings);
            RunPlaybooks parsed = RunPlaybooks.read(books, inventoryOf,
                    book -> new PlaybookParser(modules, configured.roleSearch(), configured.hashBehaviour())
                            .errorOnMissingHandler(configured.errorOnMissingHandler()).extraVars(extra)
                            .onStaticImport(f -> staticImports.add(f)).parse(book));
            if (!modules.pluginHost().varsFolders().isEmpty()) {
                parsed = parsed.withInventories(inventoryOf);  // the roles' vars plugins, as Ansible's from the first play
            }
            if (verbose.length >= 1) {
                // as ansible-playbook's auto plugin says which plugin reads a source (the constructed plugin's files)
                parsed.inventoryPlugins(verbose.length, out::println);
            }
            if (verbose.length >= 4) {
                // as ansible-playbook prints them while it reads the inventory (a group name's invalid characters)
                parsed.inventoryDetails(out::println);
            }
            if (verbose.length > 1) {
                // as ansible-playbook prints them while it reads the playbook, before its banner
                staticImports.forEach(f -> out.println("statically imported: " + f));
            }
            Inventory inventory = parsed.firstInventory();
            RunSettings settings = settings(books, sources, extra, resumed);
            Path stateDir = LabCommand.stateDir(labStateDir, config);
            java.util.Optional<EmbeddedLab> lab = EmbeddedLab.forInventory(inventory, sources, extra, stateDir);
            if (lab.isPresent() && lab.get().isEstate()) {
                extra.putIfAbsent("lab_state_dir", stateDir.toString());
            }
            RunOptions.Builder options = engineOptions(configured, modules, env, forks, connection, become, verbose.length, taskTimeout)
                    .inventories(sources).extraVars(extra).check(settings.check()).diff(settings.diff()).limit(settings.limit())
                    .tags(new HashSet<>(settings.tags())).skipTags(new HashSet<>(settings.skipTags())).startAtTask(settings.startAtTask()).step(step)
                    .forceHandlers(forceHandlers || configured.forceHandlers());
            parsed.warnings("all", configured.localhostWarning(), warnings()::warn);  // ansible-playbook's pattern
            parsed.deprecations(warnings()::deprecated);
            parsed.check(options.build(), modules);
            if (syntaxCheck) {
                parsed.printSyntaxChecked(out);
                return ExitCode.OK;
            }
            if (listTasks || listHosts || listTags) {
                parsed.printListing(out, options.build(), listHosts, listTasks, listTags);
                return ExitCode.OK;
            }
            OutputCallbacks.stdoutCallback(configured, modules.actionPlugins().callbackDirs());  // as ansible-playbook: a name no callback has, when the run starts
            Map<String, String> files = parsed.files(sources, extraVarsFiles());
            if (resumed != null && resumed.endedSuccessfully()) {
                return RunReports.ofEndedRun(resumed, journal, out, err);
            }
            if (resumed != null) {
                checkUnchanged(resumed, files, given, err);
            }
            // after --syntax-check and the listings, which open no value (as ansible-playbook's)
            parsed.checkVaultedValues(options.build());
            return execute(modules, parsed, inventory, options, out, lab, new JournalPlan(resumed, config.runsDir(), settings, files));
        } catch (UserError e) {
            e.warnings().forEach(warnings()::warn);
            err.println("ERROR: " + e.format());
            return ExitCode.of(e, isCommandLine(e));
        } finally {
            Vault.activate(Vault.NONE);
            modules.pluginHost().close();  // started by a template's check, a vars plugin or a run: it ends with the command
        }
    }

    /**
     * Option values that parse but make no sense, found before anything else is read: input errors (exit 3) like a
     * playbook's {@code delay: -5}; an option the command line cannot parse at all ({@code --forks many}) is bad usage.
     */
    private void checkOptionValues() {
        checkOptionValues(forks, taskTimeout);
    }

    /** The option values run and adhoc share, checked as {@link #checkOptionValues()} says. */
    static void checkOptionValues(Integer forks, int taskTimeout) {
        if (forks != null && forks < 1) {
            throw new UserError(io.runbook.engine.error.SourcePosition.of("--forks"),
                    "must be at least 1 (hosts worked on at once), got " + forks);
        }
        if (taskTimeout < 0) {
            throw new UserError(io.runbook.engine.error.SourcePosition.of("--task-timeout"),
                    "must be a number of seconds, 0 for none, got " + taskTimeout);
        }
    }

    /**
     * What every command that runs tasks (run, adhoc) takes alike from the settings and from the options they share:
     * forks, connection and become, verbosity, the task time limit.
     */
    static RunOptions.Builder engineOptions(Settings configured, ModuleRegistry modules, RunEnvironment env, Integer forks,
                                            String connection, BecomeOptions become, int verbosity, int taskTimeout) {
        return RunOptions.builder().environment(env)
                .forks(forks != null ? forks : configured.forks() != null ? configured.forks() : 20)
                .roleSearch(configured.roleSearch()).gathering(configured.gathering())
                .factPath(configured.factPath()).hashBehaviour(configured.hashBehaviour())
                .errorOnMissingHandler(configured.errorOnMissingHandler()).noLog(configured.noLog())
                .pollInterval(configured.pollInterval())
                .defaultStrategy(io.runbook.engine.playbook.PlaySettings.checkStrategy(configured.strategy(),
                        io.runbook.engine.error.SourcePosition.of("ANSIBLE_STRATEGY")))
                .forceHandlers(configured.forceHandlers()).connection(connection)
                .connectionDefaults(become.variables(configured.escalation()))
                .configFile(configured.configFile() == null ? null : configured.configFile().toString())
                .verbosity(verbosity).connectionVars(Set.of("kubeconfig", "kube_context", "kube_ssh_tunnel"))
                .taskTimeout(taskTimeout > 0 ? Duration.ofSeconds(taskTimeout) : null)
                .service(io.runbook.modules.ssh.HostKeyChecking.Setting.class, configured.hostKeyChecking())
                .service(io.runbook.engine.inventory.GroupNameChars.class, configured.groupNameChars())
                .service(io.runbook.engine.inventory.InventorySettings.class, configured.inventorySettings(modules))
                .service(io.runbook.engine.exec.TaskDebuggerSetting.class,
                        new io.runbook.engine.exec.TaskDebuggerSetting(configured.taskDebugger()))
                .service(io.runbook.engine.config.SettingValues.class, configured.values());
    }

    /** What a run's journal needs before it starts. */
    private record JournalPlan(ResumedRun resumed, Path runs, RunSettings settings, Map<String, String> files) {
    }

    private ResumedRun resume(ProjectConfig config) {
        List<String> conflicting = new ArrayList<>();
        if (!inventories.isEmpty()) {
            conflicting.add("-i");
        }
        if (limit != null) {
            conflicting.add("--limit");
        }
        if (!tags.isEmpty() || !skipTags.isEmpty()) {
            conflicting.add("--tags/--skip-tags");
        }
        if (startAtTask != null) {
            conflicting.add("--start-at-task");
        }
        if (check || diff) {
            conflicting.add("--check/--diff");
        }
        if (journal.journal != null) {
            conflicting.add("--journal");
        }
        if (!conflicting.isEmpty()) {
            throw new UserError(io.runbook.engine.error.SourcePosition.of("--resume"), "--resume runs with the inventory,"
                    + " limit, tags and modes of the run it resumes (from its journal): leave out " + String.join(", ", conflicting));
        }
        return ResumedRun.find(journal.resume, playbooks, config.runsDir());
    }

    private RunSettings settings(List<Path> books, List<String> sources, Map<String, Object> extra, ResumedRun resumed) {
        if (resumed != null) {
            RunSettings s = resumed.settings;
            return new RunSettings(books, sources, extra, s.limit(), s.tags(), s.skipTags(), s.startAtTask(), s.check(), s.diff());
        }
        List<String> absolute = sources.stream()
                .map(s -> java.nio.file.Files.exists(Path.of(s)) ? Path.of(s).toAbsolutePath().normalize().toString() : s).toList();
        return new RunSettings(books, absolute, extra, limit, tags, skipTags, startAtTask, check, diff);
    }

    private List<Path> extraVarsFiles() {
        return extraVars.stream().filter(e -> e.startsWith("@")).map(e -> Path.of(e.substring(1))).toList();
    }

    /** A resume after a playbook, vars file, inventory file or extra var changed: refused unless --resume-changed. */
    private void checkUnchanged(ResumedRun resumed, Map<String, String> files, Map<String, Object> given, PrintWriter err) {
        List<String> changes = resumed.changes(files, given);
        if (changes.isEmpty()) {
            return;
        }
        if (!journal.resumeChanged) {
            throw new UserError(null, "not resuming " + resumed.dir + ": " + String.join("; ", changes) + " since the run;"
                    + " tasks may have moved or mean something else now (give --resume-changed to resume anyway, or start"
                    + " a new run without --resume)");
        }
        warnings().warn("resuming although " + String.join("; ", changes) + " since the run (--resume-changed)");
    }

    /** A mistake in how an option was written (its place is the option, not a file): bad usage, exit 5. */
    private static boolean isCommandLine(UserError e) {
        return e.position() != null && COMMAND_LINE_OPTIONS.contains(e.position().file().toString());
    }

    private int execute(ModuleRegistry modules, RunPlaybooks parsed, Inventory inventory, RunOptions.Builder options, PrintWriter out,
                        java.util.Optional<EmbeddedLab> lab, JournalPlan plan) {
        PrintWriter err = spec.commandLine().getErr();
        Redactor redactor = new Redactor();
        Vault.active().redactInto(redactor::add);
        java.util.Optional<PythonCallbacks> python = pythonCallbacks(modules, options.build(), redactor);  // before the journal
        RunJournals.Opened opened;
        try {
            opened = RunJournals.open(journal, plan.resumed(), plan.runs(), plan.settings(), plan.files(), redactor,
                    warnings()::warn);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            python.ifPresent(PythonCallbacks::close);  // started for a run that does not start
            err.println("ERROR: " + (e instanceof io.runbook.lab.tetrate.StateLock.Busy ? "" : "the run journal: ") + e.getMessage());
            return ExitCode.INPUT_ERROR;
        }
        int code;
        try {
            err.println("journal: " + opened.journal().dir());
            if (plan.resumed() != null) {
                out.println("resuming " + plan.resumed().describe() + ": " + RunReports.replayable(opened.journal()));
            }
            options.listener(opened.journal()).journal(opened.journal());
            code = run(modules, parsed, inventory, options, out, lab, redactor, python);
        } finally {
            // only a failure to close is the journal's: one of the run itself goes on up as what it is
            try {
                opened.close();
            } catch (Exception e) {
                warnings().warn("the run journal could not be closed: " + e.getMessage());
            }
        }
        RunReports.write(journal, opened.journal().dir(), redactor, err);
        return code;
    }

    /**
     * The Python callback plugins, loaded as ansible-playbook loads them before its first play: a stdout callback no
     * plugin has stops the command here ({@link OutputCallbacks#python}).
     */
    private java.util.Optional<PythonCallbacks> pythonCallbacks(ModuleRegistry modules, RunOptions built, Redactor redactor) {
        String stdout = OutputCallbacks.stdoutCallback(outputSettings, modules.actionPlugins().callbackDirs());
        PythonCallbacks.Wanted wanted = new PythonCallbacks.Wanted(OutputCallbacks.available(stdout) ? null
                : outputSettings.stdoutCallback(), EnabledCallbacks.others(outputSettings), EnabledCallbacks.own(),
                playbooks.isEmpty() ? null : playbooks.get(0).toAbsolutePath().getParent(), built.check(), built.diff(),
                verbose.length);
        return OutputCallbacks.python(outputSettings, modules, env, wanted, redactor, warnings());
    }

    private int run(ModuleRegistry modules, RunPlaybooks parsed, Inventory inventory, RunOptions.Builder options, PrintWriter out,
                    java.util.Optional<EmbeddedLab> lab, Redactor redactor, java.util.Optional<PythonCallbacks> python) {
        boolean colour = System.console() != null && env.get("NO_COLOR") == null;
        OutputCallbacks.of(outputSettings, out, redactor, verbose.length, colour, warnings(), python).forEach(options::listener);
        return Execution.run(modules, parsed.playbooks(), inventory, options, redactor, events, lab, out, spec.commandLine().getErr(),
                warnings()::warn);
    }

    private io.runbook.engine.report.WarningDisplay warnings() {
        if (warnings == null) {
            warnings = new io.runbook.engine.report.WarningDisplay(spec.commandLine().getErr(), spec.commandLine().getOut(),
                    System.console() != null && env.get("NO_COLOR") == null, deprecationWarnings);
        }
        return warnings;
    }
}
