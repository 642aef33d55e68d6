package io.runbook.cli;

import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.exec.ExitCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar engine.jar [run] PLAYBOOK [options]}, plus the {@code adhoc}, {@code inventory}, {@code modules},
 * {@code lab}, {@code vault}, {@code config} and {@code completion} commands. The only place that calls {@link System#exit}, and the only one that reads the process's
 * environment: once, as the {@link RunEnvironment} every command and everything it runs is given.
 */
@Command(name = "engine.jar", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs Ansible-style playbooks of idempotent modules against an inventory of clusters.",
        footer = {"", "Exit codes: 0 ok, 2 a host failed, 3 input error (nothing ran), 4 a host unreachable,",
                "5 bad usage, 99 interrupted, 250 internal error."})
public final class Main implements Runnable {
    private static final Set<String> COMMANDS = Set.of("run", "adhoc", "inventory", "modules", "lab", "vault", "config", "completion", "help");
    /**
     * The subcommands, in the order usage lists them. Only the one a command line names is built: picocli reads every
     * option of a command by reflection when it is added, and that was most of what a start cost.
     */
    private static final Map<String, Function<RunEnvironment, Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Function<RunEnvironment, Object>> subcommands() {
        Map<String, Function<RunEnvironment, Object>> all = new LinkedHashMap<>();
        all.put("run", env -> RunCommandLine.spec(runCommand(env)));
        all.put("adhoc", env -> {
            AdhocCommand adhoc = new AdhocCommand();
            adhoc.env = env;
            return AdhocCommandLine.spec(adhoc);
        });
        all.put("inventory", env -> {
            InventoryCommand inventory = new InventoryCommand();
            inventory.env = env;
            return inventory;
        });
        all.put("modules", env -> new ModulesCommand());
        all.put("lab", env -> new LabCommand());
        all.put("vault", VaultCommand::new);
        all.put("config", ConfigCommand::new);
        all.put("completion", env -> new CompletionCommand());
        return all;
    }

    private static RunCommand runCommand(RunEnvironment env) {
        RunCommand run = new RunCommand();
        run.env = env;
        return run;
    }

    public static void main(String[] args) {
        utf8Output();
        // the Kubernetes client's Vert.x logs through java.util.logging by default; send it to SLF4J (silent)
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        // uri/get_url pin a name to an address and must send Host; the JDK's HTTP client reads this once, when it loads
        io.runbook.modules.core.HostHeader.allow();
        // picocli at start-up: no type converters for java.sql and java.time (no option has such a type; registering
        // them loads and reflects over those classes in every command), and no look-up of Groovy's Closure class
        picocliDefault("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        picocliDefault("picocli.disable.closures", "true");
        System.exit(execute(args));
    }

    /**
     * Standard output and error in UTF-8 whatever the locale (docs/cli.md, "Text encoding"): Java 17 writes them in
     * the locale's encoding, which in the C/POSIX locale (cron, {@code env -i}, many containers) is ASCII, and would
     * print every other character as {@code ?}. Ansible prints UTF-8 there too (Python coerces the C locale to
     * C.UTF-8). Streams that already write UTF-8 are left as they are.
     */
    private static void utf8Output() {
        boolean utf8 = java.nio.charset.Charset.defaultCharset().equals(java.nio.charset.StandardCharsets.UTF_8);
        if (!utf8 || !utf8(System.getProperty("sun.stdout.encoding"))) {
            System.setOut(utf8Stream(java.io.FileDescriptor.out));
        }
        if (!utf8 || !utf8(System.getProperty("sun.stderr.encoding"))) {
            System.setErr(utf8Stream(java.io.FileDescriptor.err));
        }
        String names = System.getProperty("sun.jnu.encoding");
        String all = System.getenv("LC_ALL");
        if ("ANSI_X3.4-1968".equals(names) && all != null && !all.isEmpty() && !all.equals("C") && !all.equals("POSIX")) {
            // LC_ALL names a locale the system does not have (the C locale's encoding is what Java got): refused, as
            // Ansible refuses it (Python coerces a missing LC_CTYPE or LANG to C.UTF-8, never a missing LC_ALL)
            System.err.println("ERROR: Ansible could not initialize the preferred locale: unsupported locale setting (LC_ALL="
                    + all + " is no locale of this system: `locale -a` lists them; C.UTF-8 is one)");
            System.exit(ExitCode.USAGE);
        }
        if (!utf8(names)) {
            // Ansible refuses such a locale; bin/runbook takes the C locale as C.UTF-8 and never gets here
            System.err.println("[WARNING]: the locale's encoding is " + names + ", not UTF-8: other characters than its own in"
                    + " the command line, file names and commands' arguments are lost (start the engine with bin/runbook,"
                    + " or set LC_ALL=C.UTF-8)");
        }
    }

    private static boolean utf8(String encoding) {
        return encoding == null || encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8");
    }

    /** A stream as the JDK makes System.out (a 128-byte buffer, flushed at every write), writing UTF-8. */
    private static java.io.PrintStream utf8Stream(java.io.FileDescriptor fd) {
        return new java.io.PrintStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(fd), 128), true,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static java.io.PrintWriter utf8Writer(java.io.OutputStream stream) {
        return new java.io.PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8), true);
    }

    private static void picocliDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Runs the command line with the process's streams and returns the exit code. */
    public static int execute(String... args) {
        return execute(utf8Writer(System.out), utf8Writer(System.err), args);
    }

    /** Runs the command line writing to the given streams (used by tests) and returns the exit code. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return execute(System.getenv(), out, err, args);
    }

    /**
     * As {@link #execute(java.io.PrintWriter, java.io.PrintWriter, String...)} with {@code env} as the environment instead
     * of the process's (tests run the engine in this JVM so): the command and everything it runs see it and only it —
     * its settings (ansible.cfg, {@code ANSIBLE_*}), lookups, facts ({@code ansible_env}), modules and the processes they
     * start, vault password scripts.
     */
    static int execute(Map<String, String> env, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        RunEnvironment environment = RunEnvironment.of(env);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // answered before the command line model is built: picocli's reflection over every command and
            // option is most of what a start costs, and --version needs none of it
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCode.OK;
        }
        String[] effective = args;
        if (args.length > 0 && !COMMANDS.contains(args[0]) && !isTopLevelOption(args[0])) {
            effective = new String[args.length + 1];
            effective[0] = "run";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        CommandLine cli;
        if (args.length > 0 && effective[0].equals("run")) {
            // a run: only its command is built (picocli reads every command's annotations by reflection, which is most
            // of what a start costs), named as the subcommand it is, so its usage and messages are the same
            cli = new CommandLine(RunCommandLine.spec(runCommand(environment)));
            cli.getCommandSpec().name("engine.jar run");
            effective = java.util.Arrays.copyOfRange(effective, 1, effective.length);
        } else {
            cli = new CommandLine(new Main());
            addSubcommands(cli, args.length == 0 ? null : effective[0], environment);
        }
        // '@' belongs to -e @vars.yml and --limit @hosts.txt, as in ansible-playbook, not to picocli's argument files
        cli.setExpandAtFiles(false);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionExceptionHandler(new InternalErrors());
        if (args.length == 0) {
            // like ansible-playbook: no playbook is bad usage, not success
            cli.usage(err);
            err.println("ERROR: a command or a playbook is required");
            return ExitCode.USAGE;
        }
        try {
            return cli.execute(effective);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // input that still got this far is a bug to report, never a stack trace on the operator's screen
            err.println("ERROR: internal error (this is a bug, please report it): " + e.getClass().getSimpleName());
            return ExitCode.INTERNAL;
        }
    }

    /** The named subcommand only, or all of them (usage, help, completion, a mistyped command's suggestions). */
    private static void addSubcommands(CommandLine cli, String named, RunEnvironment env) {
        Function<RunEnvironment, Object> one = named == null || named.equals("completion") ? null : SUBCOMMANDS.get(named);
        if (one != null) {
            cli.addSubcommand(one.apply(env));
            return;
        }
        SUBCOMMANDS.values().forEach(command -> cli.addSubcommand(command.apply(env)));
    }

    /*
     * The two handlers are classes, not lambdas: picocli's interfaces are compiled for Java 5, and the class-data sharing
     * archive leaves out such an interface once a lambda implementing it was linked while the archive was dumped (and
     * every class implementing it with it); every start then read, parsed and verified them from the jar.
     */

    /** Bad usage: the message, picocli's suggestions, where to find help; exit code 5. */
    private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            ex.getCommandLine().getErr().println("ERROR: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCode.USAGE;
        }
    }

    /** An exception a command did not turn into a user error is a bug: said so, without a stack trace unless asked. */
    private static final class InternalErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine c, CommandLine.ParseResult parsed) {
            c.getErr().println("ERROR: internal error (this is a bug, please report it): " + ex);
            if (Boolean.getBoolean("runbook.debug")) {
                ex.printStackTrace(c.getErr());
            }
            return ExitCode.INTERNAL;
        }
    }

    private static boolean isTopLevelOption(String a) {
        return a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version");
    }

    @Override
    public void run() {
        CommandLine cli = new CommandLine(this);
        addSubcommands(cli, null, RunEnvironment.EMPTY);  // only to print the usage: a mistake's, on stderr
        cli.usage(System.err);
    }
}
