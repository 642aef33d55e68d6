package io.runbook.cli;

import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.inventory.InventorySettings;
import io.runbook.engine.inventory.InventoryView;
import io.runbook.engine.vars.ExtraVars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.vault.Vault;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code inventory --list | --host NAME [--explain] | --graph [GROUP] [--vars]}: what ansible-inventory prints, and
 * where values come from.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Show the inventory as JSON (like ansible-inventory), one host's variables, or the group tree.")
final class InventoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--inventory", "--inventory-file"}, paramLabel = "PATH",
            description = "inventory file, folder or list; repeatable")
    List<String> inventories = new ArrayList<>();

    /** The action: exactly one of them (checked as ansible-inventory checks it, with its messages). */
    @Option(names = "--list", description = "all groups and hosts with their variables, as JSON (one of --list, --host, --graph)")
    boolean list;

    @Option(names = "--host", paramLabel = "NAME", description = "one host's merged variables, as JSON")
    String host;

    @Option(names = "--graph", description = "the group tree from GROUP (default all), as ansible-inventory --graph draws it")
    boolean graph;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "GROUP", description = "with --graph: the group to draw from (default all); "
            + "without it only all, as ansible-inventory ignores it there")
    String group;

    @Option(names = "--vars", description = "with --graph: each host's and group's variables")
    boolean vars;

    @Option(names = "--explain", description = "with --host: where each value comes from")
    boolean explain;

    @Option(names = {"-y", "--yaml"}, description = "with --list or --host: YAML instead of JSON (--list as a YAML inventory)")
    boolean yaml;

    @Option(names = "--export", description = "with --list or --host: each host's and group's own variables (groups with"
            + " theirs) instead of every host's merged ones, for an inventory to keep")
    boolean export;

    @Option(names = "--output", paramLabel = "FILE", description = "write what would be printed to FILE instead")
    Path output;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "key=value, a JSON/YAML mapping, or @file, over every host's merged variables (and for a"
                    + " constructed source with use_extra_vars); repeatable")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "as ansible-inventory's: -v the inventory plugins' files read, -vvv each plugin that declined or parsed a source")
    boolean[] verbose = new boolean[0];

    @Option(names = "--playbook-dir", paramLabel = "DIR", description = "also read group_vars/host_vars next to this folder, "
            + "and give its plugin folders (inventory_plugins/, ...) to the controller's ansible-core for the inventory plugins "
            + "the engine has not (default: ANSIBLE_PLAYBOOK_DIR, [defaults] playbook_dir)")
    Path playbookDir;

    @Mixin
    VaultOptions vault = new VaultOptions();
    /** The command's environment, which Main gives ({@link Main#execute(Map, java.io.PrintWriter, java.io.PrintWriter, String...)}). */
    io.runbook.engine.env.RunEnvironment env = io.runbook.engine.env.RunEnvironment.EMPTY;

    @Override
    public Integer call() {
        // as ansible-inventory's display: the same warning once (an inventory source given twice warns once)
        io.runbook.engine.report.WarningDisplay warnings = new io.runbook.engine.report.WarningDisplay(spec.commandLine().getErr(),
                null, false);
        int actions = (list ? 1 : 0) + (host != null ? 1 : 0) + (graph ? 1 : 0);
        if (actions != 1) {
            // as ansible-inventory: its usage on standard output, the error after it (ERROR!, as its errors start)
            spec.commandLine().usage(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("ERROR! " + (actions == 0
                    ? "No action selected, at least one of --host, --graph or --list needs to be specified."
                    : "Conflicting options used, only one of --host, --graph or --list can be used at the same time."));
            return ExitCode.USAGE;
        }
        // the vars plugins' process, when there are Python vars plugins; what their display shows as the command's own
        io.runbook.engine.pyplugin.PluginHost plugins = new io.runbook.engine.pyplugin.PluginHost();
        plugins.environment(env);
        plugins.display(warnings);
        try {
            // ansible-inventory ignores it without --graph: 'all', what --list and --host show anyway, is taken (as scripts
            // write 'ansible-inventory --list all'); another group, which would not limit the listing, is refused
            if (group != null && !graph && !group.equals("all")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a GROUP ('" + group + "') is given only with --graph");
            }
            Vault.activate(vault.load(env));
            Redactor redactor = new Redactor();
            Vault.active().redactInto(redactor::add);
            Settings settings = Settings.current(env.asMap());
            WorldWritable.warnings(env.asMap(), java.nio.file.Path.of("").toAbsolutePath()).forEach(warnings::warn);
            List<String> sources = inventories.isEmpty() ? settings.inventory() : inventories;
            Map<String, Object> extra = ExtraVars.parse(extraVars, Path.of("").toAbsolutePath(), settings.hashBehaviour());
            // ansible-inventory asks its vars plugins at stage all: each runs whatever its stage and run_vars_plugins say;
            // --graph without --vars asks for no variables (no vars file opened)
            InventorySettings read = settings.inventorySettings().varsAt("all").withPluginHost(plugins);
            Inventory inv = Inventory.load(sources, playbookDir != null ? playbookDir : settings.playbookDir(), settings.hashBehaviour(),
                    settings.groupNameChars(), extra, graph && !vars ? read.varsNotDemanded() : read);
            // as ansible-inventory's display prints them while it reads the sources, before the inventory
            inv.pluginsUsed(verbose.length).forEach(spec.commandLine().getOut()::println);
            inv.warnings().forEach(warnings::warn);
            InventoryView view = new InventoryView(inv, export, extra, settings.hashBehaviour());
            // vault values are shown masked, as everywhere else
            String text;
            if (list) {
                text = view.list(yaml);
            } else if (graph) {
                text = new InventoryGraph(inv, view, vars).render(group == null ? Inventory.ALL : group);
            } else if (explain) {
                text = inv.explainText(host);
            } else {
                text = view.host(host, yaml);
            }
            text = redactor.redact(text);
            if (output != null) {
                write(output, text);
            } else {
                // one line break at the end, as Ansible's display gives YAML (which has one) and JSON (which has none)
                spec.commandLine().getOut().println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
            }
            return ExitCode.OK;
        } catch (UserError e) {
            e.warnings().forEach(warnings::warn);
            // an error of the command line itself (a group or host that is not there) is ansible-inventory's ERROR!; one
            // with its file:line:col (or option) the engine's ERROR:, as the playbook run's
            spec.commandLine().getErr().println((e.position() == null ? "ERROR! " : "ERROR: ") + e.format());
            return ExitCode.of(e, false);
        } finally {
            Vault.activate(Vault.NONE);
            plugins.close();
        }
    }

    /** {@code --output}: the text as it would be printed, without the line break printing adds. */
    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UserError(SourcePosition.of("--output"), "Unable to write to destination file (" + file + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
