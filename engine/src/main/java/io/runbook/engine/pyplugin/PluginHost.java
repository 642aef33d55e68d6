package io.runbook.engine.pyplugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.module.Deprecation;
import io.runbook.engine.report.WarningDisplay;
import io.runbook.engine.vars.TemplatePlugins;

/**
 * The one Python plugin host of a run (of a command): the {@link PluginProcess} that runs the playbook's Python filter,
 * test and lookup plugins ({@link PythonPlugins}) and its vars plugins (the inventory's), started when one of them is
 * first asked for (a run without Python plugins starts no Python), closed when the run ends. What a plugin shows
 * through Ansible's display ({@code display.warning}, {@code deprecated}, {@code error}, {@code display}) comes back
 * with the answer and goes to the run's {@link #display}, as the engine's own. Thread-safe: one request at a time.
 */
public final class PluginHost implements AutoCloseable {
    private volatile RunEnvironment environment = RunEnvironment.EMPTY;
    /** Where what the plugins display goes: the run's display, once the command set it; until then the JVM's streams. */
    private volatile WarningDisplay display = new WarningDisplay(new java.io.PrintWriter(System.err, true),
            new java.io.PrintWriter(System.out, true), false);
    private PluginProcess process;
    private int starts;
    /** The idle action processes ({@link ActionPlugins}): each runs one action plugin at a time. */
    private final java.util.Deque<PluginProcess> idleActions = new java.util.ArrayDeque<>();
    /** The {@code vars_plugins/} folders of the roles read, in order. */
    private final java.util.Set<java.nio.file.Path> varsFolders = new java.util.LinkedHashSet<>();
    /** What ends with the host ({@link #closeWith}). */
    private final java.util.List<AutoCloseable> closedWith = new java.util.ArrayList<>();

    /** The run's environment, which the process is started with (a plugin's {@code os.environ}). */
    public void environment(RunEnvironment env) {
        this.environment = env;
    }

    /**
     * Where what the plugins' display shows goes: the run's warnings, deprecations and errors (each once, as the
     * engine's own) and their text ({@code display.display}: standard output, or standard error when asked).
     */
    public void display(WarningDisplay display) {
        this.display = display;
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
        answer.path("displayed").forEach(this::show);
        return answer;
    }

    /** One thing a plugin displayed, as ansible-playbook's display shows it: each warning and deprecation once a run. */
    private void show(JsonNode shown) {
        show(shown, display::warn, display::deprecated);
    }

    /**
     * What an action plugin displayed ({@code answer}'s "displayed"), as Ansible's worker process shows it: its warnings
     * and deprecations each time, unless the run showed the same itself (the worker's display starts with what the
     * controller's had shown and keeps its own to itself).
     */
    void showFromWorker(JsonNode answer) {
        answer.path("displayed").forEach(shown -> show(shown, display::warnUnlessShown, display::deprecatedUnlessShown));
    }

    /** What a plugin displayed while it answered ({@code answer}'s "displayed"), as the controller's display shows it. */
    void showDisplayed(JsonNode answer) {
        answer.path("displayed").forEach(this::show);
    }

    /** A warning of the plugins' host itself, as the run's. */
    void warn(String message) {
        display.warn(message);
    }

    /** {@code c} (a run's callback plugins) is closed when the host is. */
    synchronized void closeWith(AutoCloseable c) {
        closedWith.add(c);
    }

    private void show(JsonNode shown, java.util.function.Consumer<String> warn,
                      java.util.function.Consumer<Deprecation> deprecated) {
        String msg = shown.path("msg").asText();
        switch (shown.path("kind").asText()) {
            case "deprecated" -> deprecated.accept(new Deprecation(msg, text(shown.get("version")),
                    text(shown.get("date")), text(shown.get("collection_name"))));
            case "error" -> display.error(msg);
            case "display" -> display.text(msg.endsWith("\n") || !shown.path("newline").asBoolean(true) ? msg : msg + "\n",
                    shown.path("stderr").asBoolean());
            default -> warn.accept(msg);
        }
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The answer to {@code request}; {@link TemplatePlugins.Failure} with its error when not ok. */
    JsonNode ask(Object request) {
        JsonNode answer = answer(request);
        if (!answer.path("ok").asBoolean()) {
            throw new TemplatePlugins.Failure(answer.path("error").asText());
        }
        return answer;
    }

    /**
     * A role's {@code vars_plugins/} folder, when it holds a .py file: as Ansible's role loading adds its plugin
     * folders, its vars plugins run from then on, for every play (their variables asked on demand).
     */
    public synchronized void addVarsFolder(java.nio.file.Path folder) {
        java.nio.file.Path f = folder.toAbsolutePath().normalize();
        if (java.nio.file.Files.isDirectory(f)) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(f)) {
                if (files.anyMatch(p -> p.getFileName().toString().endsWith(".py"))) {
                    varsFolders.add(f);
                }
            } catch (java.io.IOException e) {
                // an unreadable folder holds no plugin Ansible could load either
            }
        }
    }

    /** The roles' {@code vars_plugins/} folders with plugins, in the order the roles were read. */
    public synchronized java.util.List<java.nio.file.Path> varsFolders() {
        return java.util.List.copyOf(varsFolders);
    }

    /**
     * An action process for one action plugin's run: an idle one, else one started in {@code env}; give it back with
     * {@link #actionProcessDone}. A run whose hosts run action plugins at once has as many as ran at once.
     */
    PluginProcess actionProcess(RunEnvironment env) {
        synchronized (idleActions) {
            PluginProcess idle = idleActions.poll();
            if (idle != null) {
                return idle;
            }
        }
        return PluginProcess.start(env, "action_host.py");
    }

    /** {@code p} back after its run: kept for the next when it ended its exchange ({@code reusable}), else ended. */
    void actionProcessDone(PluginProcess p, boolean reusable) {
        if (reusable) {
            synchronized (idleActions) {
                idleActions.push(p);
                return;
            }
        }
        p.close();
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
        for (AutoCloseable c : closedWith) {
            try {
                c.close();
            } catch (Exception e) {
                display.warn("the callback plugins could not be ended: " + e.getMessage());
            }
        }
        closedWith.clear();
        synchronized (idleActions) {
            idleActions.forEach(PluginProcess::close);
            idleActions.clear();
        }
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
