package io.runbook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code adhoc} (Ansible's {@code ansible} command's), built in code as {@link RunCommandLine} builds
 * run's, whose connection, become and vault options they share.
 */
final class AdhocCommandLine {
    private AdhocCommandLine() {
    }

    /** The command's model, its values read into {@code command} when it is called ({@link #read}). */
    static CommandSpec spec(AdhocCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("adhoc").versionProvider(new Version());
        spec.usageMessage().description("Run one module on the hosts of a pattern, as Ansible's 'ansible' command does"
                + " (engine.jar adhoc control_planes -m k8s_info -a 'kind=Secret namespace=istio-system').");
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("PATTERN").type(String.class)
                .description("host pattern (same grammar as a play's hosts)").build());
        RunCommandLine.value(spec, String.class, "MODULE", "the module to run (default command)", "-m", "--module-name");
        RunCommandLine.value(spec, String.class, "ARGS",
                "its arguments: 'k1=v1 k2=v2', a JSON object '{\"k1\": \"v1\"}', or command/shell/raw's command line", "-a", "--args");
        RunCommandLine.list(spec, String.class, null, "PATH", "inventory file, folder or 'h1,h2,' list; repeatable (default from runbook.yml)",
                "-i", "--inventory", "--inventory-file");
        RunCommandLine.list(spec, String.class, null, "VARS", "key=value, a JSON/YAML mapping, or @file; repeatable, later wins",
                "-e", "--extra-vars");
        RunCommandLine.flag(spec, "change nothing; predict what would change", "-C", "--check");
        RunCommandLine.flag(spec, "show what changes (or would change)", "-D", "--diff");
        RunCommandLine.value(spec, String.class, "PATTERN", "further limit the hosts (same pattern grammar, or @file)", "-l", "--limit");
        RunCommandLine.flag(spec, "list the hosts the pattern matches, then exit", "--list-hosts");
        RunCommandLine.flag(spec, "one line per host", "-o", "--one-line");
        RunCommandLine.value(spec, Path.class, "DIR", "write each host's result, as JSON, to DIR/HOST", "-t", "--tree");
        RunCommandLine.value(spec, int.class, "SECONDS", "run it asynchronously, failing after SECONDS", "-B", "--background");
        RunCommandLine.value(spec, int.class, "SECONDS", "with -B: check every SECONDS (default poll_interval of ansible.cfg, else 15; 0: start it and go)",
                "-P", "--poll");
        RunCommandLine.connectionOptions(spec);
        RunCommandLine.value(spec, Integer.class, "N", "hosts worked on in parallel (default 20, or runbook.yml)", "-f", "--forks");
        spec.addOption(OptionSpec.builder("-v", "--verbose").type(boolean[].class).arity("0").description("more output").build());
        RunCommandLine.value(spec, Path.class, "FILE", "write one JSON event per line to FILE as the run goes", "--events");
        RunCommandLine.value(spec, int.class, "SECONDS", "time limit of the task (0 = none)", "--task-timeout");
        RunCommandLine.value(spec, Path.class, "DIR", "the playbook folder its relative paths, group_vars/ and host_vars/"
                + " are found from, whose plugin folders are searched too (default: ANSIBLE_PLAYBOOK_DIR, [defaults] playbook_dir, else"
                + " the working directory)", "--playbook-dir");
        RunCommandLine.value(spec, Path.class, "DIR",
                "where the embedded lab keeps its state (default lab_state_dir of runbook.yml, else .lab-state)", "--lab-state-dir");
        RunCommandLine.vaultOptions(spec);
        RunCommandLine.helpOptions(spec);
        command.spec = spec;
        return spec;
    }

    /** The values given on the command line, into the command's fields (the fields' own values where none was). */
    static void read(ParseResult given, AdhocCommand into) {
        into.pattern = given.matchedPositionalValue(0, null);
        into.module = given.matchedOptionValue("-m", "command");
        into.args = given.matchedOptionValue("-a", null);
        into.inventories = given.matchedOptionValue("-i", new ArrayList<>());
        into.extraVars = given.matchedOptionValue("-e", new ArrayList<>());
        into.check = given.matchedOptionValue("-C", false);
        into.diff = given.matchedOptionValue("-D", false);
        into.limit = given.matchedOptionValue("-l", null);
        into.listHosts = given.matchedOptionValue("--list-hosts", false);
        into.oneLine = given.matchedOptionValue("-o", false);
        into.tree = given.matchedOptionValue("-t", null);
        into.background = given.matchedOptionValue("-B", 0);
        into.poll = given.matchedOptionValue("-P", null);
        into.connection = given.matchedOptionValue("-c", null);
        RunCommandLine.readConnection(given, into.become);
        into.forks = given.matchedOptionValue("-f", null);
        into.verbose = given.matchedOptionValue("-v", new boolean[0]);
        into.events = given.matchedOptionValue("--events", null);
        into.taskTimeout = given.matchedOptionValue("--task-timeout", 0);
        into.playbookDir = given.matchedOptionValue("--playbook-dir", null);
        into.labStateDir = given.matchedOptionValue("--lab-state-dir", null);
        RunCommandLine.readVault(given, into.vault);
    }
}
