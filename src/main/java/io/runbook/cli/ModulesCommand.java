package io.runbook.cli;

import io.runbook.engine.error.Suggestions;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.EngineActions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modules [NAME]}: the modules on the class path, or one module's arguments; {@code --markdown DIR} writes
 * the module reference, {@code --json-schema [FILE]} the playbook schema for editors.
 */
@Command(name = "modules", mixinStandardHelpOptions = true, description = "List the modules, or show one module's arguments.")
final class ModulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = "--markdown", paramLabel = "DIR",
            description = "Write the module reference, one Markdown page per module (NAME.md) and README.md, into DIR.")
    java.nio.file.Path markdown;

    @Option(names = "--json-schema", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Write the JSON Schema of playbooks (every keyword, every module's arguments) to FILE, or to standard output.")
    String jsonSchema;

    @Override
    public Integer call() {
        ModuleRegistry registry = ModuleRegistry.load();
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (markdown != null || jsonSchema != null) {
            return ReferenceFiles.write(registry, markdown, jsonSchema, out, spec.commandLine().getErr());
        }
        if (name == null) {
            java.util.Map<String, String> lines = new java.util.TreeMap<>();
            registry.all().forEach(m -> lines.put(m.name(), m.description()));
            EngineActions.all().forEach(a -> lines.put(a.name(), a.description()));
            lines.forEach((n, d) -> out.printf("%-18s %s%n", n, d));
            return ExitCode.OK;
        }
        String wanted = ModuleRegistry.shortName(name);
        Optional<EngineActions.Action> action = EngineActions.find(wanted);
        if (action.isPresent()) {
            out.println(action.get().name() + ": " + action.get().description());
            out.println("engine action: runs in check mode as in a real run");
            action.get().arguments().forEach(a -> out.printf("  %-20s %-9s %s%n", a.name(), a.type(), a.description()));
            return ExitCode.OK;
        }
        Optional<Module> m = registry.find(wanted);
        if (m.isEmpty()) {
            java.util.Set<String> known = new java.util.HashSet<>(registry.names());
            known.addAll(EngineActions.NAMES);
            String hint = Suggestions.didYouMean(name, known);
            spec.commandLine().getErr().println("ERROR: unknown module '" + name + "'" + (hint == null ? "" : " (" + hint + ")"));
            return ExitCode.USAGE;
        }
        out.println(m.get().name() + ": " + m.get().description());
        out.println(m.get().supportsCheckMode() ? "check mode: predicts" : "check mode: skipped");
        for (Arg a : m.get().spec().args()) {
            out.printf("  %-20s %-9s %s%s%s%s%n", a.name(), a.type().name().toLowerCase(),
                    a.isRequired() ? "required. " : "", a.defaultValue() == null ? "" : "default " + a.defaultValue() + ". ",
                    a.choices().isEmpty() ? "" : "one of " + String.join("|", a.choices()) + ". ", a.description());
        }
        return ExitCode.OK;
    }
}
