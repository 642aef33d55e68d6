package io.runbook.cli;

import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.inventory.Inventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.vault.Vault;
import picocli.CommandLine.ArgGroup;
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

    @Option(names = {"-i", "--inventory"}, paramLabel = "PATH", description = "inventory file, folder or list; repeatable")
    List<String> inventories = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--list", description = "all groups and hosts with their variables, as JSON")
        boolean list;

        @Option(names = "--host", paramLabel = "NAME", description = "one host's merged variables, as JSON")
        String host;

        @Option(names = "--graph", description = "the group tree from GROUP (default all), as ansible-inventory --graph draws it")
        boolean graph;
    }

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "GROUP", description = "with --graph: the group to draw from (default all)")
    String group;

    @Option(names = "--vars", description = "with --graph: each host's and group's variables")
    boolean vars;

    @Option(names = "--explain", description = "with --host: where each value comes from")
    boolean explain;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "extra vars (key=value, YAML/JSON, or @file) for a constructed source with use_extra_vars; repeatable")
    List<String> extraVars = new ArrayList<>();

    @Option(names = "--playbook-dir", paramLabel = "DIR", description = "also read group_vars/host_vars next to this folder")
    Path playbookDir;

    @Mixin
    VaultOptions vault = new VaultOptions();

    @Override
    public Integer call() {
        try {
            if (group != null && !what.graph) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a GROUP ('" + group + "') is given only with --graph");
            }
            Vault.activate(vault.load());
            Redactor redactor = new Redactor();
            Vault.active().redactInto(redactor::add);
            Settings settings = Settings.current();
            WorldWritable.warnings(System.getenv(), java.nio.file.Path.of("").toAbsolutePath())
                    .forEach(w -> spec.commandLine().getErr().println(io.runbook.engine.report.WarningDisplay.format(w)));
            List<String> sources = inventories.isEmpty() ? settings.inventory() : inventories;
            Inventory inv = Inventory.load(sources, playbookDir, settings.hashBehaviour(), settings.groupNameChars(),
                    io.runbook.engine.vars.ExtraVars.parse(extraVars, java.nio.file.Path.of("").toAbsolutePath(),
                            settings.hashBehaviour()));
            inv.warnings().forEach(w -> spec.commandLine().getErr().println(io.runbook.engine.report.WarningDisplay.format(w)));
            // vault values are shown masked, as everywhere else
            if (what.list) {
                spec.commandLine().getOut().println(redactor.redact(inv.toListJson()));
            } else if (what.graph) {
                spec.commandLine().getOut().println(redactor.redact(new InventoryGraph(inv, vars).render(group == null ? Inventory.ALL : group)));
            } else if (explain) {
                spec.commandLine().getOut().println(redactor.redact(inv.explainText(what.host)));
            } else {
                spec.commandLine().getOut().println(redactor.redact(inv.toHostJson(what.host)));
            }
            return ExitCode.OK;
        } catch (UserError e) {
            spec.commandLine().getErr().println("ERROR: " + e.format());
            return ExitCode.INPUT_ERROR;
        } finally {
            Vault.activate(Vault.NONE);
        }
    }
}
