package io.runbook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code run} (ansible-playbook's), built in code. picocli reads annotated options by reflection, and
 * Java makes a proxy class for each annotation type it reads: for {@code run}, about a sixth of a syntax check's CPU
 * time went there, the largest part of a start after the JVM's and Jinjava's. Every run, syntax check, usage text and
 * shell completion goes through this model; the options are listed in the order the annotations gave them.
 */
final class RunCommandLine {
    private RunCommandLine() {
    }

    /** The command's model, its values read into {@code command} when it is called ({@link #read}). */
    static CommandSpec spec(RunCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("run").versionProvider(new Version());
        spec.usageMessage().description(
                "Run a playbook, or several one after the other as one run (the default command: 'engine.jar site.yml'"
                        + " is 'engine.jar run site.yml').");
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").paramLabel("PLAYBOOK").type(List.class)
                .auxiliaryTypes(Path.class).description("the playbook file, or several: run one after the other as one run"
                        + " (with --resume: the run's)").build());
        list(spec, String.class, null, "PATH", "inventory file, folder or 'h1,h2,' list; repeatable (default from runbook.yml)",
                "-i", "--inventory", "--inventory-file");
        list(spec, String.class, null, "VARS", "key=value, a JSON/YAML mapping, or @file; repeatable, later wins",
                "-e", "--extra-vars");
        flag(spec, "change nothing; predict what would change", "-C", "--check");
        flag(spec, "show what changes (or would change)", "-D", "--diff");
        value(spec, String.class, "PATTERN", "further limit the hosts (same pattern grammar, or @file)", "-l", "--limit");
        list(spec, String.class, ",", "TAGS", "only run tasks with these tags", "-t", "--tags");
        list(spec, String.class, ",", "TAGS", "skip tasks with these tags", "--skip-tags");
        flag(spec, "list the tasks that would run, then exit", "--list-tasks");
        flag(spec, "list the hosts each play would run on, then exit", "--list-hosts");
        flag(spec, "list the tags, then exit", "--list-tags");
        flag(spec, "check the playbook and inventory, then exit", "--syntax-check");
        connectionOptions(spec);
        flag(spec, "accepted for compatibility (facts are not cached between runs)", "--flush-cache");
        flag(spec, "run handlers even on hosts that failed", "--force-handlers");
        value(spec, String.class, "NAME", "start at the first task whose name matches (exact or glob)", "--start-at-task");
        flag(spec, "one step at a time: confirm each task before it runs", "--step");
        value(spec, Integer.class, "N", "hosts worked on in parallel (default 20, or runbook.yml)", "-f", "--forks");
        spec.addOption(OptionSpec.builder("-v", "--verbose").type(boolean[].class).arity("0").description("more output (-v results, -vv task paths)")
                .build());
        value(spec, Path.class, "FILE", "write one JSON event per line to FILE as the run goes", "--events");
        value(spec, int.class, "SECONDS", "default time limit of every task (0 = none)", "--task-timeout");
        value(spec, Path.class, "DIR",
                "where the embedded lab keeps its state (default lab_state_dir of runbook.yml, else .lab-state)", "--lab-state-dir");
        vaultOptions(spec);
        journalOptions(spec);
        helpOptions(spec);
        command.spec = spec;
        return spec;
    }

    /** picocli's standard help options, as mixinStandardHelpOptions adds them (that reads a mixin class by reflection). */
    static void helpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** The connection and become options, read into {@link BecomeOptions} ({@link #readConnection}); also the ad-hoc command's. */
    static void connectionOptions(CommandSpec spec) {
        value(spec, String.class, "CONNECTION", "connection of hosts that set no ansible_connection (local, ssh)",
                "-c", "--connection");
        value(spec, String.class, "REMOTE_USER", "SSH login user of hosts that set no ansible_user", "-u", "--user");
        value(spec, Path.class, "FILE", "SSH private key of hosts that set no ansible_ssh_private_key_file", "--private-key", "--key-file");
        flag(spec, "ask for the SSH login password", "-k", "--ask-pass");
        value(spec, Path.class, "FILE", "the SSH login password is this file's first line", "--connection-password-file",
                "--conn-pass-file");
        value(spec, Integer.class, "SECONDS", "SSH connection timeout of hosts that set no ansible_timeout (default 10)", "-T", "--timeout");
        value(spec, String.class, "ARGS", "OpenSSH options for every SSH connection (ansible_ssh_common_args), such as -o ProxyJump=bastion",
                "--ssh-common-args");
        value(spec, String.class, "ARGS", "OpenSSH options for ssh only (ansible_ssh_extra_args)", "--ssh-extra-args");
        flag(spec, "run tasks as another user (become), through sudo unless --become-method says otherwise", "-b", "--become");
        value(spec, String.class, "METHOD", "become method: sudo (default) or su", "--become-method");
        value(spec, String.class, "USER", "the user to become (default root)", "--become-user");
        flag(spec, "ask for the become (sudo) password", "-K", "--ask-become-pass");
        value(spec, Path.class, "FILE", "the become (sudo) password is this file's first line", "--become-password-file", "--become-pass-file");
    }

    /** {@link VaultOptions}' options, as its annotations give them. */
    static void vaultOptions(CommandSpec spec) {
        list(spec, Path.class, null, "FILE", "vault password file (an executable one is run and its output used); repeatable",
                "--vault-password-file", "--vault-pass-file");
        list(spec, String.class, null, "[LABEL@]SOURCE", "a vault secret: SOURCE is a password file, a script, or 'prompt'; repeatable",
                "--vault-id");
        flag(spec, "ask for the vault password", "-J", "--ask-vault-pass", "--ask-vault-password");
    }

    /** {@link JournalOptions}' options, as its annotations give them. */
    private static void journalOptions(CommandSpec spec) {
        value(spec, Path.class, "DIR",
                "this run's journal folder (default: a new folder under .runbook/runs, or journal_dir of runbook.yml)", "--journal");
        spec.addOption(OptionSpec.builder("--resume").arity("0..1").fallbackValue("").paramLabel("RUN").type(String.class)
                .preprocessor(new ResumeValue()).description("resume a run from its journal: the latest one (of PLAYBOOK when given), or RUN (its folder or name)")
                .build());
        flag(spec, "resume even though a playbook, vars file, inventory file or extra var changed since the run",
                "--resume-changed");
        value(spec, Path.class, "FILE", "write a JUnit XML report (one testcase per task and host)", "--junit");
        value(spec, Path.class, "FILE", "write a self-contained HTML report for the post-incident review", "--report");
    }

    /**
     * {@code --resume}'s optional RUN is never a playbook: in {@code site.yml --resume verify.yml} the word after it
     * names a YAML file, so {@code --resume} resumes the latest run of the playbooks and the word stays a playbook.
     * A RUN is a journal folder or its name, which never ends in .yml or .yaml; {@code --resume=RUN} takes any word.
     */
    static final class ResumeValue implements picocli.CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(java.util.Stack<String> args, CommandSpec command, picocli.CommandLine.Model.ArgSpec option,
                java.util.Map<String, Object> info) {
            if (!"=".equals(info.get("separator")) && !args.isEmpty() && playbook(args.peek())) {
                args.push("");
            }
            return false;
        }

        private static boolean playbook(String word) {
            String name = word.toLowerCase(java.util.Locale.ROOT);
            return (name.endsWith(".yml") || name.endsWith(".yaml")) && !java.nio.file.Files.isDirectory(Path.of(word));
        }
    }

    /** The values given on the command line, into the command's fields (the fields' own values where none was). */
    static void read(ParseResult given, RunCommand into) {
        into.playbooks = given.matchedPositionalValue(0, new ArrayList<>());
        into.inventories = given.matchedOptionValue("-i", new ArrayList<>());
        into.extraVars = given.matchedOptionValue("-e", new ArrayList<>());
        into.check = given.matchedOptionValue("-C", false);
        into.diff = given.matchedOptionValue("-D", false);
        into.limit = given.matchedOptionValue("-l", null);
        into.tags = given.matchedOptionValue("-t", new ArrayList<>());
        into.skipTags = given.matchedOptionValue("--skip-tags", new ArrayList<>());
        into.listTasks = given.matchedOptionValue("--list-tasks", false);
        into.listHosts = given.matchedOptionValue("--list-hosts", false);
        into.listTags = given.matchedOptionValue("--list-tags", false);
        into.syntaxCheck = given.matchedOptionValue("--syntax-check", false);
        into.connection = given.matchedOptionValue("-c", null);
        readConnection(given, into.become);
        into.flushCache = given.matchedOptionValue("--flush-cache", false);
        into.forceHandlers = given.matchedOptionValue("--force-handlers", false);
        into.startAtTask = given.matchedOptionValue("--start-at-task", null);
        into.step = given.matchedOptionValue("--step", false);
        into.forks = given.matchedOptionValue("-f", null);
        into.verbose = given.matchedOptionValue("-v", new boolean[0]);
        into.events = given.matchedOptionValue("--events", null);
        into.taskTimeout = given.matchedOptionValue("--task-timeout", 0);
        into.labStateDir = given.matchedOptionValue("--lab-state-dir", null);
        readVault(given, into.vault);
        into.journal.journal = given.matchedOptionValue("--journal", null);
        into.journal.resume = given.matchedOptionValue("--resume", null);
        into.journal.resumeChanged = given.matchedOptionValue("--resume-changed", false);
        into.journal.junit = given.matchedOptionValue("--junit", null);
        into.journal.report = given.matchedOptionValue("--report", null);
    }

    /** The values of {@link #connectionOptions} given on the command line. */
    static void readConnection(ParseResult given, BecomeOptions into) {
        into.user = given.matchedOptionValue("-u", null);
        into.privateKey = given.matchedOptionValue("--private-key", null);
        into.askPass = given.matchedOptionValue("-k", false);
        into.connectionPasswordFile = given.matchedOptionValue("--connection-password-file", null);
        into.timeout = given.matchedOptionValue("-T", null);
        into.sshCommonArgs = given.matchedOptionValue("--ssh-common-args", null);
        into.sshExtraArgs = given.matchedOptionValue("--ssh-extra-args", null);
        into.become = given.matchedOptionValue("-b", false);
        into.method = given.matchedOptionValue("--become-method", null);
        into.becomeUser = given.matchedOptionValue("--become-user", null);
        into.ask = given.matchedOptionValue("-K", false);
        into.passwordFile = given.matchedOptionValue("--become-password-file", null);
    }

    /** The values of {@link #vaultOptions} given on the command line. */
    static void readVault(ParseResult given, VaultOptions into) {
        into.passwordFiles = given.matchedOptionValue("--vault-password-file", new ArrayList<>());
        into.vaultIds = given.matchedOptionValue("--vault-id", new ArrayList<>());
        into.ask = given.matchedOptionValue("-J", false);
    }

    static void flag(CommandSpec spec, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(boolean.class).description(description).build());
    }

    static void value(CommandSpec spec, Class<?> type, String label, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(type).paramLabel(label).description(description).build());
    }

    /** A repeatable option (and split at {@code split} when not null) whose values are collected in a list. */
    static void list(CommandSpec spec, Class<?> element, String split, String label, String description,
                             String... names) {
        OptionSpec.Builder option = OptionSpec.builder(names).type(List.class).auxiliaryTypes(element).paramLabel(label)
                .description(description);
        if (split != null) {
            option.splitRegex(split);
        }
        spec.addOption(option.build());
    }
}
