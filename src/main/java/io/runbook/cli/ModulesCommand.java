package io.runbook.cli;

import io.runbook.engine.error.Suggestions;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleRegistry;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code modules [NAME]}: the modules on the class path, or one module's arguments. */
@Command(name = "modules", mixinStandardHelpOptions = true, description = "List the modules, or show one module's arguments.")
final class ModulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        ModuleRegistry registry = ModuleRegistry.load();
        if (name == null) {
            registry.all().forEach(m -> spec.commandLine().getOut().printf("%-18s %s%n", m.name(), m.description()));
            return ExitCode.OK;
        }
        Optional<Module> m = registry.find(name);
        if (m.isEmpty()) {
            String hint = Suggestions.didYouMean(name, registry.names());
            spec.commandLine().getErr().println("ERROR: unknown module '" + name + "'" + (hint == null ? "" : " (" + hint + ")"));
            return ExitCode.USAGE;
        }
        spec.commandLine().getOut().println(m.get().name() + ": " + m.get().description());
        spec.commandLine().getOut().println(m.get().supportsCheckMode() ? "check mode: predicts" : "check mode: skipped");
        for (Arg a : m.get().spec().args()) {
            spec.commandLine().getOut().printf("  %-20s %-9s %s%s%s%s%n", a.name(), a.type().name().toLowerCase(),
                    a.isRequired() ? "required. " : "", a.defaultValue() == null ? "" : "default " + a.defaultValue() + ". ",
                    a.choices().isEmpty() ? "" : "one of " + String.join("|", a.choices()) + ". ", a.description());
        }
        return ExitCode.OK;
    }
}
