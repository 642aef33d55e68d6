package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.pyplugin.PythonCallbacks;
import io.runbook.engine.report.ConsoleReporter;
import io.runbook.engine.report.MinimalReporter;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.report.RunListener;
import io.runbook.engine.report.WarningDisplay;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * The callbacks that show a playbook run, as ansible-playbook loads them from its settings: the stdout callback
 * ({@code stdout_callback}: {@code default}, {@code minimal} or {@code oneline}, by their short names or as
 * {@code ansible.builtin.NAME}) with its result format ({@code callback_result_format}, {@code callback_format_pretty})
 * and the default callback's other options ({@code display_skipped_hosts}, {@code display_ok_hosts}, …).
 */
final class OutputCallbacks {
    /** The stdout callbacks the engine shows a run with. */
    private static final List<String> OWN = List.of("default", "minimal", "oneline");
    /**
     * Callbacks Debian's Ansible has that the engine has not (ansible.builtin's, ansible.posix's and community.general's
     * that write to stdout, with the short names ansible-core redirects to them): named, the default output is used.
     */
    private static final Set<String> ELSEWHERE = Set.of("json", "jsonl", "yaml", "debug", "skippy", "junit", "tree",
            "dense", "diy", "unixy", "selective", "counter_enabled", "null", "actionable", "full_skip", "stderr");

    private OutputCallbacks() {
    }

    /**
     * The stdout callback's short name, as Ansible resolves it; a name no callback has is refused as Ansible refuses it
     * ({@code Invalid callback for stdout specified: NAME}), at where it was set. {@code dirs}: the callback folders
     * (beside the playbooks, in the roles, configured), whose {@code NAME.py} files are callbacks too.
     */
    static String stdoutCallback(Settings settings, List<String> dirs) {
        String name = settings.stdoutCallback();
        String shortName = name.startsWith("ansible.builtin.") ? name.substring("ansible.builtin.".length()) : name;
        if (OWN.contains(shortName) || ELSEWHERE.contains(shortName) || shortName.contains(".")
                || dirs.stream().anyMatch(d -> java.nio.file.Files.isRegularFile(java.nio.file.Path.of(d, shortName + ".py")))) {
            return shortName;
        }
        throw invalid(name);
    }

    /** Ansible's refusal of a stdout callback no plugin has, at the setting. */
    private static UserError invalid(String name) {
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        return new UserError(SourcePosition.of("stdout_callback"), "Invalid callback for stdout specified: " + name,
                io.runbook.engine.error.Suggestions.didYouMean(shortName, OWN));
    }

    /** Whether the stdout callback is one the engine has (else its output is the default callback's, with a warning). */
    static boolean available(String stdoutCallback) {
        return OWN.contains(stdoutCallback);
    }

    /**
     * The stdout callback, then the callbacks of {@code callbacks_enabled} ({@link EnabledCallbacks}); {@code python}:
     * the Python callback plugins loaded, whose stdout callback, when it has one, shows the run instead of the engine's.
     */
    static List<RunListener> of(Settings settings, PrintWriter out, Redactor redactor, int verbosity, boolean colour,
                                WarningDisplay warnings, java.util.Optional<PythonCallbacks> python) {
        List<RunListener> all = new java.util.ArrayList<>();
        if (python.isEmpty() || !python.get().showsRun()) {
            all.add(own(settings, out, redactor, verbosity, colour, warnings));
        } else {
            all.add(new io.runbook.engine.report.DisplayOnly(out, redactor, warnings, verbosity));  // Ansible's display, not a callback's
        }
        python.ifPresent(all::add);  // after the stdout callback, as ansible-playbook sends each event
        all.addAll(EnabledCallbacks.of(settings, out, verbosity, warnings, java.time.Clock.systemDefaultZone()));
        return all;
    }

    /**
     * The Python callback plugins the settings name (a stdout callback the engine has not, callbacks_enabled's others)
     * and those beside the playbooks and in the roles, started in ansible-core; empty when none loads. A stdout callback
     * no plugin has is refused as ansible-playbook refuses it ({@code Invalid callback for stdout specified: NAME});
     * when the controller cannot run them, the engine's default output is used with a warning.
     */
    static java.util.Optional<PythonCallbacks> python(Settings settings, ModuleRegistry modules, RunEnvironment env,
                                                      PythonCallbacks.Wanted wanted, Redactor redactor, WarningDisplay warnings) {
        boolean noFolders = modules.actionPlugins().callbackDirs().isEmpty();
        if (wanted.stdout() == null && wanted.enabled().isEmpty() && noFolders) {
            return java.util.Optional.empty();
        }
        try {
            java.util.Optional<PythonCallbacks> python = PythonCallbacks.start(modules.pluginHost(), modules.actionPlugins(),
                    env, wanted, redactor);
            if (wanted.stdout() != null && (python.isEmpty() || !python.get().showsRun())) {
                python.ifPresent(PythonCallbacks::close);
                throw invalid(settings.stdoutCallback());
            }
            return python;
        } catch (io.runbook.engine.vars.TemplatePlugins.Failure e) {
            if (wanted.stdout() != null) {
                warnings.warn("stdout_callback '" + settings.stdoutCallback() + "' is not available here (" + e.getMessage()
                        + "); the default output is used (--events FILE writes every event as JSON)");
            }
            EnabledCallbacks.unavailable(wanted.enabled(), e.getMessage(), warnings);
            return java.util.Optional.empty();
        }
    }

    private static RunListener own(Settings settings, PrintWriter out, Redactor redactor, int verbosity, boolean colour,
                                   WarningDisplay warnings) {
        String name = settings.stdoutCallback();
        return switch (name.startsWith("ansible.builtin.") ? name.substring("ansible.builtin.".length()) : name) {
            case "minimal" -> new MinimalReporter(out, redactor, verbosity, colour, false, warnings, settings.resultFormat());
            case "oneline" -> new MinimalReporter(out, redactor, verbosity, colour, true, warnings);
            default -> new ConsoleReporter(out, redactor, verbosity, colour, warnings, settings.resultFormat(),
                    settings.callbackOptions());
        };
    }

    /** Whether {@code name} (short) is a stdout callback Ansible has: one callbacks_enabled names is left out silently. */
    static boolean isStdout(String name) {
        return OWN.contains(name) || ELSEWHERE.contains(name);
    }
}
