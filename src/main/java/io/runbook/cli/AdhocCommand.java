package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.exec.HostPatterns;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.inventory.HostPattern;
import io.runbook.engine.inventory.HostSelection;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.PlaybookParser;
import io.runbook.engine.report.MinimalReporter;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.report.ResultTree;
import io.runbook.engine.report.WarningDisplay;
import io.runbook.engine.vars.ExtraVars;
import io.runbook.engine.vault.Vault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code adhoc PATTERN -m MODULE -a ARGS}: Ansible's {@code ansible} command. It builds the one-task play Ansible's
 * ad-hoc command builds ({@link AdhocPlay}) and runs it as any playbook runs, printed by Ansible's {@code minimal}
 * (or, with {@code -o}, {@code oneline}) callback ({@link MinimalReporter}). Its command line is
 * {@link AdhocCommandLine}'s.
 */
final class AdhocCommand implements Callable<Integer> {
    /** Where a mistake is the command line's own (bad usage, exit 5) rather than the inventory's or a file's. */
    private static final Set<String> COMMAND_LINE = Set.of("PATTERN", "-m", "-a", "-e", "--limit", "--vault-id",
            "--vault-password-file", "--ask-vault-pass", "ANSIBLE_VAULT_PASSWORD_FILE", "--background", "--poll");

    CommandSpec spec;
    String pattern;
    String module = "command";
    String args;
    List<String> inventories = new ArrayList<>();
    List<String> extraVars = new ArrayList<>();
    boolean check;
    boolean diff;
    String limit;
    boolean listHosts;
    boolean oneLine;
    Path tree;
    int background;
    /** -P, or null for the configured poll_interval (Ansible's DEFAULT_POLL_INTERVAL, 15). */
    Integer poll;
    String connection;
    Integer forks;
    boolean[] verbose = new boolean[0];
    Path events;
    int taskTimeout;
    Path playbookDir;
    Path labStateDir;
    VaultOptions vault = new VaultOptions();
    BecomeOptions become = new BecomeOptions();
    private WarningDisplay warnings;
    /** The run's environment, which Main gives ({@link Main#execute(Map, PrintWriter, PrintWriter, String...)}). */
    io.runbook.engine.env.RunEnvironment env = io.runbook.engine.env.RunEnvironment.EMPTY;

    @Override
    public Integer call() {
        AdhocCommandLine.read(spec.commandLine().getParseResult(), this);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModuleRegistry modules = ModuleRegistry.load();
        modules.pluginHost().environment(env);
        modules.pluginHost().display(warnings());  // what a plugin displays, as the engine's own
        try {
            RunCommand.checkOptionValues(forks, taskTimeout);
            ProjectConfig config = ProjectConfig.find(Path.of(""));
            Settings configured = Settings.current(env.asMap());
            VerboseHeader.print(out, verbose.length, configured, config);
            WorldWritable.warnings(env.asMap(), Path.of("").toAbsolutePath()).forEach(warnings()::warn);
            configured.pluginFilter().warnings().forEach(warnings()::warn);  // as ansible's, when it loads its plugins
            Vault.activate(vault.load(configured, env));
            if (playbookDir == null) {
                playbookDir = configured.playbookDir();  // as ansible's --playbook-dir: Ansible's PLAYBOOK_DIR when not given
            }
            List<String> sources = inventories.isEmpty() ? configured.inventory() : inventories;
            Path folder = (playbookDir != null ? playbookDir : Path.of("")).toAbsolutePath().normalize();
            Map<String, Object> extra = new LinkedHashMap<>(ExtraVars.parse(extraVars, Path.of("").toAbsolutePath(),
                    configured.hashBehaviour()));
            if (listHosts) {
                // as ansible: the hosts only, whatever the module and its arguments (no vars file opened)
                Inventory inventory = Inventory.load(sources, folder, configured.hashBehaviour(), configured.groupNameChars(), extra,
                        configured.inventorySettings(modules).varsNotDemanded());
                inventory.warnings().forEach(warnings()::warn);
                if (configured.localhostWarning()) {
                    inventory.hostListWarnings(pattern).forEach(warnings()::warn);
                }
                HostPatterns.checkLimit(inventory, limit);
                return listHosts(selected(inventory), inventory.hosts().isEmpty(), out);
            }
            if (playbookDir != null) {
                // as ansible's --playbook-dir: that folder's plugin folders (its library/) are searched too
                modules.library().addFolder(folder.resolve("library"));
                modules.pythonPlugins().addFolder(folder);
                modules.actionPlugins().addFolder(folder);
            }
            configured.configure(modules, env);
            return runPlay(config, configured, modules, sources, folder, extra);
        } catch (UserError e) {
            e.warnings().forEach(warnings()::warn);
            err.println("ERROR: " + e.format());
            return ExitCode.of(e, e.position() != null && COMMAND_LINE.contains(e.position().file().toString()));
        } finally {
            Vault.activate(Vault.NONE);
            modules.pluginHost().close();  // started by a vars plugin, a template's check or the run: it ends with the command
        }
    }

    /**
     * The one-task play: read and checked with the inventory as a playbook in {@code folder} is, then run on the hosts
     * the pattern selects (none: ansible's warning, and nothing runs).
     */
    private int runPlay(ProjectConfig config, Settings configured, ModuleRegistry modules, List<String> sources, Path folder,
                        Map<String, Object> extra) {
        // as ansible: a playbook folder inside a configured collection makes that collection the default one
        String collection = playbookDir == null ? null
                : io.runbook.engine.module.CollectionsPath.collectionOf(folder, modules.collectionRoots()).orElse(null);
        if (collection != null) {
            warnings().warn("running with default collection " + collection);
        }
        AdhocPlay play = AdhocPlay.of(pattern, module, args, taskTimeout, background,
                poll != null ? poll : configured.pollInterval(), collection);
        RunPlaybooks parsed = RunPlaybooks.read(List.of(folder.resolve(AdhocPlay.FILE_NAME)),
                dir -> Inventory.load(sources, dir, configured.hashBehaviour(), configured.groupNameChars(), extra,
                        configured.inventorySettings(modules)),
                file -> new PlaybookParser(modules, configured.roleSearch(), configured.hashBehaviour())
                        .extraVars(extra).parse(file, play.document()));
        if (verbose.length >= 1) {
            // as ansible's auto plugin says which plugin reads a source (the constructed plugin's files)
            parsed.inventoryPlugins(verbose.length, spec.commandLine().getOut()::println);
        }
        Inventory inventory = parsed.firstInventory();
        RunOptions.Builder options = RunCommand.engineOptions(configured, modules, env, forks, connection, become, verbose.length, 0)
                .inventories(sources).extraVars(extra).check(check).diff(diff).limit(limit);
        parsed.warnings(pattern, configured.localhostWarning(), warnings()::warn);
        parsed.check(options.build(), modules);
        HostSelection hosts = selected(inventory);
        if (hosts.isEmpty()) {
            // as ansible: a pattern that matches nothing runs nothing, and that is no error
            hosts.warnings().forEach(warnings()::warn);
            noHostsMatched(inventory.hosts().isEmpty());
            return ExitCode.OK;
        }
        parsed.checkVaultedValues(options.build());
        Path stateDir = LabCommand.stateDir(labStateDir, config);
        Optional<EmbeddedLab> lab = EmbeddedLab.forInventory(inventory, sources, extra, stateDir);
        if (lab.isPresent() && lab.get().isEstate()) {
            extra.putIfAbsent("lab_state_dir", stateDir.toString());
            options.extraVars(extra);
        }
        return run(modules, parsed, inventory, options, lab);
    }

    /**
     * As ansible's: a pattern that matches no host of an inventory that has some is warned about; with no hosts at all,
     * "provided hosts list is empty" has said it already.
     */
    private void noHostsMatched(boolean emptyInventory) {
        if (!emptyInventory) {
            warnings().warn("No hosts matched, nothing to do");
        }
    }

    /** {@code --list-hosts}, as ansible prints them. */
    private int listHosts(HostSelection hosts, boolean emptyInventory, PrintWriter out) {
        hosts.warnings().forEach(warnings()::warn);
        if (hosts.isEmpty()) {
            noHostsMatched(emptyInventory);
        }
        out.println("  hosts (" + hosts.hosts().size() + "):");
        hosts.names().forEach(h -> out.println("    " + h));
        return ExitCode.OK;
    }

    /** The hosts the pattern and {@code --limit} select, with the warnings of names that matched nothing. */
    private HostSelection selected(Inventory inventory) {
        HostPattern hostPattern = HostPattern.parse(pattern, SourcePosition.of("PATTERN"));
        HostPattern limitPattern = limit == null ? null : HostPattern.parseLimit(limit, SourcePosition.of("--limit"));
        return inventory.select(hostPattern, limitPattern);
    }

    private int run(ModuleRegistry modules, RunPlaybooks parsed, Inventory inventory, RunOptions.Builder options,
                    Optional<EmbeddedLab> lab) {
        PrintWriter out = spec.commandLine().getOut();
        Redactor redactor = new Redactor();
        Vault.active().redactInto(redactor::add);
        boolean colour = System.console() != null && env.get("NO_COLOR") == null;
        options.listener(new MinimalReporter(out, redactor, verbose.length, colour, oneLine, warnings()));
        if (tree != null) {
            options.listener(new ResultTree(tree, redactor, verbose.length, warnings()));
        }
        // the lab's notice on stderr: the standard output holds only the results, as ansible's, for scripts to read
        return Execution.run(modules, parsed.playbooks(), inventory, options, redactor, events, lab, spec.commandLine().getErr(),
                spec.commandLine().getErr(), warnings()::warn);
    }

    private WarningDisplay warnings() {
        if (warnings == null) {
            warnings = new WarningDisplay(spec.commandLine().getErr(), spec.commandLine().getOut(),
                    System.console() != null && env.get("NO_COLOR") == null);
        }
        return warnings;
    }
}
