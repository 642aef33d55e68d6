package io.runbook.engine.pyplugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.vars.TemplatePlugins;
import java.util.function.Consumer;

/**
 * The one Python plugin host of a run (of a command): the {@link PluginProcess} that runs the playbook's Python filter,
 * test and lookup plugins ({@link PythonPlugins}) and its vars plugins (the inventory's), started when one of them is
 * first asked for (a run without Python plugins starts no Python), closed when the run ends. What a plugin shows
 * through Ansible's display ({@code display.warning}) comes back with the answer and goes to {@link #warnings}, as the
 * engine's other warnings. Thread-safe: one request at a time.
 */
public final class PluginHost implements AutoCloseable {
    private volatile RunEnvironment environment = RunEnvironment.EMPTY;
    /** Where the plugins' warnings go: the run's display, once the command set it; until then standard error. */
    private volatile Consumer<String> warnings = w -> System.err.println(io.runbook.engine.report.WarningDisplay.format(w));
    private PluginProcess process;
    private int starts;

    /** The run's environment, which the process is started with (a plugin's {@code os.environ}). */
    public void environment(RunEnvironment env) {
        this.environment = env;
    }

    /** Where the warnings of the plugins' display go (each as its text, without {@code [WARNING]: }). */
    public void warnings(Consumer<String> sink) {
        this.warnings = sink;
    }

    /**
     * The answer to {@code request} (a JSON object), ok or not, the process started first when it is not running;
     * {@link TemplatePlugins.Failure} when it cannot be started or gives no answer.
     */
    public synchronized JsonNode answer(Object request) {
        if (process == null) {
            process = PluginProcess.start(environment);
            starts++;
        }
        JsonNode answer = process.answer(request);
        answer.path("displayed").forEach(w -> warnings.accept(w.asText()));
        return answer;
    }

    /** The answer to {@code request}; {@link TemplatePlugins.Failure} with its error when not ok. */
    JsonNode ask(Object request) {
        JsonNode answer = answer(request);
        if (!answer.path("ok").asBoolean()) {
            throw new TemplatePlugins.Failure(answer.path("error").asText());
        }
        return answer;
    }

    /** How many times the process was started (once for a run that used Python plugins, else never). */
    public synchronized int starts() {
        return starts;
    }

    /** Whether the process runs now. */
    public synchronized boolean running() {
        return process != null;
    }

    /** Ends the process, if it runs (waiting for it to end); a later request would start it again. */
    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
