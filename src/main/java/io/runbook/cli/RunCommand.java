package io.runbook.cli;

import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.exec.HostPatterns;
import io.runbook.engine.exec.Listing;
import io.runbook.engine.exec.PlaybookRunner;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.playbook.PlaybookParser;
import io.runbook.engine.playbook.RoleSearch;
import io.runbook.engine.report.ConsoleReporter;
import io.runbook.engine.report.EventLog;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run PLAYBOOK}: the flags of ansible-playbook. Everything is parsed and checked before anything runs. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run a playbook (the default command: 'engine.jar site.yml' is 'engine.jar run site.yml').")
final class RunCommand implements Callable<Integer> {
    private static final Set<String> COMMAND_LINE_OPTIONS = Set.of("-e", "--limit", "--vault-id", "--vault-password-file",
            "--ask-vault-pass", "ANSIBLE_VAULT_PASSWORD_FILE");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "the playbook file")
    Path playbook;

    @Option(names = {"-i", "--inventory"}, paramLabel = "PATH", description = "inventory file, folder or 'h1,h2,' list; repeatable (default from runbook.yml)")
    List<String> inventories = new ArrayList<>();

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "key=value, a JSON/YAML mapping, or @file; repeatable, later wins")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-C", "--check"}, description = "change nothing; predict what would change")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "show what changes (or would change)")
    boolean diff;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "further limit the hosts (same pattern grammar, or @file)")
    String limit;

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAGS", description = "only run tasks with these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAGS", description = "skip tasks with these tags")
    List<String> skipTags = new ArrayList<>();

    @Option(names = "--list-tasks", description = "list the tasks that would run, then exit")
    boolean listTasks;

    @Option(names = "--list-hosts", description = "list the hosts each play would run on, then exit")
    boolean listHosts;

    @Option(names = "--list-tags", description = "list the tags, then exit")
    boolean listTags;

    @Option(names = "--syntax-check", description = "check the playbook and inventory, then exit")
    boolean syntaxCheck;

    @Option(names = {"-c", "--connection"}, paramLabel = "CONNECTION",
            description = "connection of hosts that set no ansible_connection (local, ssh)")
    String connection;

    @Option(names = "--flush-cache", description = "accepted for compatibility (facts are not cached between runs)")
    boolean flushCache;

    @Option(names = "--force-handlers", description = "run handlers even on hosts that failed")
    boolean forceHandlers;

    @Option(names = "--start-at-task", paramLabel = "NAME", description = "start at the first task whose name matches (exact or glob)")
    String startAtTask;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", description = "hosts worked on in parallel (default 20, or runbook.yml)")
    Integer forks;

    @Option(names = "-v", description = "more output (-v results, -vv task paths)")
    boolean[] verbose = new boolean[0];

    @Option(names = "--events", paramLabel = "FILE", description = "write one JSON event per line to FILE as the run goes")
    Path events;

    @Option(names = "--task-timeout", paramLabel = "SECONDS", description = "default time limit of every task (0 = none)")
    int taskTimeout;

    @Option(names = "--lab-state-dir", paramLabel = "DIR", description = "where the embedded lab keeps its state (default lab_state_dir of runbook.yml, else .lab-state)")
    Path labStateDir;

    @Mixin
    VaultOptions vault = new VaultOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProjectConfig config = ProjectConfig.find(Path.of(""));
            Settings settings = Settings.current();
            Vault.activate(vault.load(settings));
            ModuleRegistry modules = ModuleRegistry.load();
            Playbook parsed = new PlaybookParser(modules, new RoleSearch(settings.rolesPath())).parse(playbook);
            List<String> sources = inventories.isEmpty() ? settings.inventory() : inventories;
            Inventory inventory = Inventory.load(sources, playbook.toAbsolutePath().getParent());
            java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>(
                    ExtraVars.parse(extraVars, Path.of("").toAbsolutePath()));
            Path stateDir = LabCommand.stateDir(labStateDir, config);
            java.util.Optional<EmbeddedLab> lab = EmbeddedLab.forInventory(inventory, sources, extra, stateDir);
            if (lab.isPresent() && lab.get().isEstate()) {
                extra.putIfAbsent("lab_state_dir", stateDir.toString());
            }
            RunOptions.Builder options = RunOptions.builder().inventories(sources)
                    .extraVars(extra).check(check).diff(diff).limit(limit)
                    .tags(new HashSet<>(tags)).skipTags(new HashSet<>(skipTags)).startAtTask(startAtTask)
                    .forks(forks != null ? forks : settings.forks() != null ? settings.forks() : 20)
                    .roleSearch(new RoleSearch(settings.rolesPath())).gathering(settings.gathering())
                    .defaultStrategy(io.runbook.engine.playbook.PlaySettings.checkStrategy(settings.strategy(),
                            io.runbook.engine.error.SourcePosition.of("ANSIBLE_STRATEGY")))
                    .forceHandlers(forceHandlers || settings.forceHandlers()).connection(connection)
                    .configFile(settings.configFile() == null ? null : settings.configFile().toString())
                    .service(io.runbook.engine.module.ControllerSettings.class, new io.runbook.engine.module.ControllerSettings(
                            settings.hostKeyChecking(), settings.configFile()))
                    .verbosity(verbose.length).connectionVars(Set.of("kubeconfig", "kube_context"))
                    .taskTimeout(taskTimeout > 0 ? Duration.ofSeconds(taskTimeout) : null);
            inventory.warnings().forEach(w -> err.println("[WARNING]: " + w));
            if (!List.of("default", "ansible.builtin.default").contains(settings.stdoutCallback())) {
                err.println("[WARNING]: stdout_callback '" + settings.stdoutCallback() + "' is not available here; "
                        + "the default output is used (--events FILE writes every event as JSON)");
            }
            HostPatterns.check(parsed, inventory, options.build());
            if (syntaxCheck) {
                out.println();
                out.println("playbook: " + playbook);
                return ExitCode.OK;
            }
            if (listTasks || listHosts || listTags) {
                new Listing(parsed, options.build()).print(out, inventory, listHosts, listTasks, listTags);
                return ExitCode.OK;
            }
            return execute(parsed, inventory, options, out, lab);
        } catch (UserError e) {
            err.println("ERROR: " + e.format());
            return isCommandLine(e) ? ExitCode.USAGE : ExitCode.INPUT_ERROR;
        } finally {
            Vault.activate(Vault.NONE);
        }
    }

    /** A mistake in how an option was written (its place is the option, not a file): bad usage, exit 5. */
    private static boolean isCommandLine(UserError e) {
        return e.position() != null && COMMAND_LINE_OPTIONS.contains(e.position().file().toString());
    }

    private int execute(Playbook parsed, Inventory inventory, RunOptions.Builder options, PrintWriter out,
                        java.util.Optional<EmbeddedLab> lab) {
        Redactor redactor = new Redactor();
        Vault.active().redactInto(redactor::add);
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        options.listener(new ConsoleReporter(out, redactor, verbose.length, colour));
        EventLog log = null;
        if (events != null) {
            log = new EventLog(events, redactor);
            options.listener(log);
        }
        PlaybookRunner runner = new PlaybookRunner(ModuleRegistry.load());
        Interrupts.onCtrlC(runner::interrupt);
        lab.ifPresent(l -> options.service(io.runbook.modules.k8s.ClusterDirectory.class, l));
        try {
            if (lab.isPresent() && lab.get().isEstate()) {
                lab.get().start();
                out.println("lab: " + (lab.get().resumed() ? "resuming the estate kept in " : "fresh scenario, state in ")
                        + options.build().extraVars().get("lab_state_dir"));
            }
            return runner.run(parsed, inventory, options.build(), redactor);
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("ERROR: the embedded lab could not start: " + e.getMessage());
            return ExitCode.INPUT_ERROR;
        } finally {
            lab.ifPresent(EmbeddedLab::close);
            if (log != null) {
                try {
                    log.close();
                } catch (java.io.IOException ignored) {
                    // the events file was flushed after every event
                }
            }
        }
    }
}
