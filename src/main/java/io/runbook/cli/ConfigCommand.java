package io.runbook.cli;

import io.runbook.engine.config.SettingTable;
import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.vars.PyJson;
import io.runbook.engine.vars.PyYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code config list|dump|view|init}, as {@code ansible-config}: the Ansible settings the engine honours (one table:
 * {@link SettingTable}), their values and where each came from, the config file in use, and an ini file of them.
 * A setting ansible-config knows and the table has not is left out: the engine does not honour it.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show the Ansible settings the engine honours, as ansible-config does (settings it does not",
                "honour are left out): list (their descriptions, defaults, ini keys and environment variables), dump",
                "(each one's value and origin), view (the config file in use), init (an ini file of them)."},
        subcommands = {ConfigCommand.ListSettings.class, ConfigCommand.Dump.class, ConfigCommand.View.class,
                ConfigCommand.Init.class})
final class ConfigCommand implements Callable<Integer> {
    static final String PLUGIN_TYPES = "all, base, " + String.join(", ", ConfigOutput.PLUGIN_TYPES);
    RunEnvironment env;
    @Spec
    CommandSpec spec;

    ConfigCommand(RunEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("ERROR: a subcommand is required: list, dump, view or init");
        return ExitCode.USAGE;
    }

    /** The options of every subcommand: the config file, the type of settings, plugin names. */
    static final class Common {
        @Option(names = {"-c", "--config"}, paramLabel = "CONFIG_FILE",
                description = "path to configuration file, defaults to first file found in precedence.")
        Path configFile;
        @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "base", completionCandidates = Types.class,
                description = "Filter down to a specific plugin type: ${COMPLETION-CANDIDATES} (the engine has settings"
                        + " of base and of the ssh connection: connection; all is both, another plugin type has none).")
        String type;
        @Parameters(paramLabel = "args", arity = "0..*", description = "Specific plugin to target (the engine has settings of one: ssh, a connection).")
        List<String> args = new ArrayList<>();
        @Option(names = {"-v", "--verbose"}, description = "Say which config file was found first, as ansible-config does.")
        boolean[] verbose = new boolean[0];
    }

    /** The values -t takes, as ansible-config's. */
    static final class Types extends ArrayList<String> {
        Types() {
            super(List.of(PLUGIN_TYPES.split(", ")));
        }
    }

    /** What a subcommand works on: the table, the config file (-c's, else the one found) and the environment. */
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Common common;
        @Spec
        CommandSpec spec;
        SettingSources sources;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!new Types().contains(common.type)) {
                err.println("ERROR: argument -t/--type: invalid choice: '" + common.type + "' (choose from " + PLUGIN_TYPES + ")");
                err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
                return ExitCode.USAGE;
            }
            Map<String, String> env = ((ConfigCommand) spec.parent().userObject()).env.asMap();
            Path cwd = Path.of("").toAbsolutePath();
            try {
                AnsibleConfig cfg;
                if (common.configFile != null) {
                    Path file = cwd.resolve(AnsibleConfig.expandHome(common.configFile.toString(), env)).normalize();
                    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                        err.println("ERROR: The provided configuration file is missing or not accessible: " + file);
                        return ExitCode.USAGE;
                    }
                    cfg = AnsibleConfig.load(file);
                } else {
                    cfg = AnsibleConfig.find(env, cwd);
                }
                if (common.verbose.length > 0) {
                    // as ansible-config: the file found, even when -c names another
                    out.println(VerboseHeader.configFileLine(AnsibleConfig.find(env, cwd).file()));
                }
                sources = new SettingSources(env, ProjectConfig.find(cwd), cfg, cwd);
                String text = text();
                out.print(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
                out.flush();
                return ExitCode.OK;
            } catch (UserError e) {
                err.println("ERROR: " + e.format());
                return ExitCode.INPUT_ERROR;
            } catch (Refusal e) {
                err.println("ERROR: " + e.getMessage());
                return e.code;
            }
        }

        /** The output, or a UserError. */
        abstract String text();

        boolean base() {
            return common.type.equals("base") || common.type.equals("all");
        }

        /** A -f value this subcommand does not write: refused (usage), as argparse refuses it for ansible-config. */
        static Refusal invalidChoice(String format, String... choices) {
            return new Refusal("argument --format/-f: invalid choice: '" + format + "' (choose from '"
                    + String.join("', '", choices) + "')", ExitCode.USAGE);
        }
    }

    /** A request refused with ansible-config's message (not about a place in a file) and an exit code. */
    static final class Refusal extends RuntimeException {
        final int code;

        Refusal(String message, int code) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print all config options the engine honours.")
    static final class ListSettings extends Sub {
        @Option(names = {"-f", "--format"}, defaultValue = "yaml", description = "Output format for list: yaml or json.")
        String format;

        @Override
        String text() {
            Map<String, Object> entries = ConfigOutput.listEntries(common.type, common.args);
            return switch (format) {
                case "yaml" -> PyYaml.block(entries);
                case "json" -> PyJson.nice(entries);
                default -> throw invalidChoice(format, "json", "yaml");
            };
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Dump configuration: each setting's value and where it came from (NAME(origin) = value).")
    static final class Dump extends Sub {
        @Option(names = {"--only-changed", "--changed-only"},
                description = "Only show configurations that have changed from the default")
        boolean onlyChanged;
        @Option(names = {"-f", "--format"}, defaultValue = "display", description = "Output format for dump: display, "
                + "json or yaml.")
        String format;

        @Override
        String text() {
            if (!List.of("display", "json", "yaml").contains(format)) {
                throw invalidChoice(format, "json", "yaml", "display");
            }
            List<Object> output = new ArrayList<>();
            if (base()) {
                Map<String, SettingSources.Value> values = new TreeMap<>();
                SettingTable.ALL.values().forEach(def -> values.put(def.name(), sources.value(def)));
                Path file = sources.cfg().file();
                values.put("CONFIG_FILE", new SettingSources.Value(file == null ? null : file.toString(), ""));
                output.addAll(settings(values));
            }
            for (String type : ConfigOutput.PLUGIN_TYPES) {
                if (!ConfigOutput.shows(common.type, type)) {
                    continue;
                }
                List<Object> plugins = new ArrayList<>();
                ConfigOutput.plugins(type, common.args, (plugin, defs) -> {
                    Map<String, SettingSources.Value> values = new TreeMap<>();
                    defs.values().forEach(def -> values.put(def.name(), sources.value(def)));
                    return settings(values);
                }).forEach((plugin, settings) -> {
                    if (settings.isEmpty()) {
                        return;
                    }
                    if (format.equals("display")) {
                        // a plugin's header only when it has settings to show (--only-changed), as ansible-config's
                        plugins.add("\n" + plugin + ":\n" + "_".repeat(plugin.length()));
                        plugins.addAll(settings);
                    } else {
                        plugins.add(Map.of(plugin, settings));
                    }
                });
                if (!common.type.equals("all")) {
                    output.addAll(plugins);
                } else if (!format.equals("display")) {
                    output.add(Map.of(type.toUpperCase(java.util.Locale.ROOT) + "_PLUGINS", plugins));
                } else if (!onlyChanged || !plugins.isEmpty()) {
                    // each type's title, but a type with nothing changed to show
                    output.add("\n" + type.toUpperCase(java.util.Locale.ROOT) + ":\n" + "=".repeat(type.length()));
                    output.addAll(plugins);
                }
            }
            return switch (format) {
                case "json" -> PyJson.nice(output);
                case "yaml" -> PyYaml.block(output);
                default -> String.join("\n", output.stream().map(String::valueOf).toList());
            };
        }

        /**
         * Each setting (each changed one with --only-changed): {@code NAME(origin) = value} to display, else a mapping of
         * its name, origin, type (none) and value.
         */
        private List<Object> settings(Map<String, SettingSources.Value> values) {
            List<Object> out = new ArrayList<>();
            values.forEach((name, v) -> {
                if (onlyChanged && !v.changed()) {
                    return;
                }
                if (format.equals("display")) {
                    out.add(name + "(" + v.origin() + ") = " + io.runbook.engine.report.PythonRepr.str(v.value()));
                } else {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", name);
                    entry.put("origin", v.origin());
                    entry.put("type", null);
                    entry.put("value", v.value());
                    out.add(entry);
                }
            });
            return out;
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "View configuration file")
    static final class View extends Sub {
        @Override
        String text() {
            Path file = sources.cfg().file();
            if (file == null) {
                throw new Refusal("Invalid or no config file was supplied", ExitCode.INPUT_ERROR);
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError(io.runbook.engine.error.SourcePosition.of(file.toString()),
                        "Failed to open config file: " + e.getMessage());
            }
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create initial configuration: an ini file of the settings, with their defaults.")
    static final class Init extends Sub {
        @Option(names = {"-f", "--format"}, defaultValue = "ini", description = "Output format for init: ini, env or vars.")
        String format;
        @Option(names = "--disabled", description = "Prefixes all entries with a comment character to disable them")
        boolean commented;

        @Override
        String text() {
            List<Map<String, SettingTable.Def>> settings = ConfigOutput.initSettings(common.type, common.args);
            return switch (format) {
                case "ini" -> ConfigOutput.ini(settings, commented);
                case "env", "vars" -> ConfigOutput.vars(settings, format.equals("env"), commented);
                default -> throw invalidChoice(format, "ini", "env", "vars");
            };
        }
    }
}
